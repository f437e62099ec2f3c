/** What the SSH panel shows once: the key, where to connect, and the commands to paste. */
export interface SandboxAccess {
  private_key: string;
  username: string;
  host: string;
  port: number;
  /** The file name the key downloads as: `<sandbox_id>.pem`. */
  key_file: string;
  /** `chmod 600 <key_file>`: ssh refuses a key others can read. */
  chmod_command: string;
  /** `ssh -i <key_file> -p <port> <username>@<host>`. */
  ssh_command: string;
  /** The host is localhost or a private address: reachable only from the service's machine or network. */
  private_host: boolean;
}
