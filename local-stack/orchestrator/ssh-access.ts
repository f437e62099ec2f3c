import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { StringDecoder } from "node:string_decoder";
import pty from "@lydell/node-pty";
import ssh2 from "ssh2";
import type { Connection, ParsedKey, PseudoTtyInfo, ServerChannel } from "ssh2";
import type { SandboxContainer } from "./sandbox-container.ts";
import { ed25519KeyPair } from "./ed25519-key-pair.ts";

const { Server } = ssh2;

/** What POST /sandboxes/{id}/access answers, as production does. */
export interface AccessGrant {
  private_key: string;
  username: string;
  host: string;
  port: number;
}

/**
 * One sandbox's SSH server, as production's container runs sshd: on loopback, on a port of its own
 * (the sandbox's `ssh_port`), user `agent`, only the keys handed out for this sandbox. Each session
 * gets a login shell with a terminal (node-pty, prebuilt) inside the sandbox's jail
 * (`SandboxContainer.shellLaunch`). No port, agent or X11 forwarding, no subsystems (sftp). `close`
 * ends every session and forgets the keys: a stopped sandbox accepts none of them again.
 */
export class SandboxSsh {
  private readonly keys: ParsedKey[] = [];
  private readonly connections = new Set<Connection>();
  private readonly server: InstanceType<typeof Server>;
  private closed = false;

  private constructor(
    private readonly container: () => SandboxContainer | null,
    private readonly log: (line: string) => void,
    private readonly sandboxId: string,
  ) {
    const hostKey = ed25519KeyPair().private;
    this.server = new Server({ hostKeys: [hostKey], ident: "matrx-local-sandbox" }, (client) => this.onClient(client));
  }

  static async start(
    container: () => SandboxContainer | null,
    host: string,
    log: (line: string) => void,
    sandboxId: string,
  ): Promise<SandboxSsh> {
    const ssh = new SandboxSsh(container, log, sandboxId);
    await new Promise<void>((resolve, reject) => {
      ssh.server.once("error", reject);
      ssh.server.listen(0, host, () => resolve());
    });
    return ssh;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A new key pair for this sandbox: the public half is accepted from now until it stops. */
  grant(host: string): AccessGrant {
    const pair = ed25519KeyPair();
    this.keys.push(pair.parsedPublic);
    return { private_key: pair.private, username: "agent", host, port: this.port };
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.keys.length = 0;
    for (const connection of this.connections) connection.end();
    this.server.close();
  }

  private accepts(algo: string, data: Buffer): ParsedKey | undefined {
    return this.keys.find((key) => {
      const blob = key.getPublicSSH();
      return key.type === algo && blob.length === data.length && timingSafeEqual(blob, data);
    });
  }

  private onClient(client: Connection) {
    if (this.closed) return client.end();
    this.connections.add(client);
    client.on("error", () => undefined);
    client.on("close", () => this.connections.delete(client));
    client.on("authentication", (context) => {
      if (context.method !== "publickey" || context.username !== "agent") return context.reject(["publickey"]);
      const key = this.accepts(context.key.algo, context.key.data);
      if (!key) return context.reject(["publickey"]);
      // Without a signature the client only asks whether the key would do.
      if (!context.signature) return context.accept();
      if (key.verify(context.blob!, context.signature, context.hashAlgo) === true) return context.accept();
      return context.reject(["publickey"]);
    });
    client.on("ready", () => {
      // Port forwarding either way is refused.
      client.on("request", (accept, reject) => reject?.());
      client.on("tcpip", (accept, reject) => reject());
      client.on("openssh.streamlocal", (accept, reject) => reject());
      client.on("session", (acceptSession) => this.onSession(acceptSession()));
    });
  }

  private onSession(session: ssh2.Session) {
    let terminal: PseudoTtyInfo | null = null;
    let shell: pty.IPty | null = null;
    session.on("pty", (accept, reject, info) => {
      terminal = info;
      accept?.();
    });
    session.on("window-change", (accept, reject, info) => {
      shell?.resize(Math.max(1, info.cols), Math.max(1, info.rows));
      accept?.();
    });
    session.on("env", (accept, reject) => reject?.());
    session.on("auth-agent", (accept, reject) => reject?.());
    session.on("x11", (accept, reject) => reject?.());
    session.on("subsystem", (accept, reject) => reject?.());
    session.on("signal", (accept, reject) => reject?.());
    const start = (channel: ServerChannel, command?: string) => {
      const launch = this.container()?.shellLaunch(terminal?.term ?? "xterm-256color", command);
      if (!launch) {
        channel.stderr.write("This sandbox is not running.\r\n");
        channel.exit(1);
        channel.end();
        return;
      }
      this.log(`sandbox ${this.sandboxId}: SSH ${command === undefined ? "shell" : "command"} session started`);
      shell = pty.spawn(launch.file, launch.args, {
        name: terminal?.term ?? "xterm-256color",
        cols: terminal?.cols || 80,
        rows: terminal?.rows || 24,
        cwd: launch.cwd,
        env: launch.env,
      });
      const running = shell;
      running.onData((data) => channel.write(data));
      running.onExit(({ exitCode, signal }) => {
        if (signal) channel.exit(`SIG${signal}` as never, false, "");
        else channel.exit(exitCode);
        channel.end();
      });
      // A character split across two packets is joined before it is written.
      const decoder = new StringDecoder("utf8");
      channel.on("data", (data: Buffer) => running.write(decoder.write(data)));
      channel.on("close", () => {
        try {
          running.kill("SIGHUP");
        } catch {
          // Already gone.
        }
      });
    };
    session.on("shell", (accept) => start(accept()));
    session.on("exec", (accept, reject, info) => start(accept(), info.command));
  }
}
