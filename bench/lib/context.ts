import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "../../types/supabase.ts";
import type { SignedIn, Urls } from "./session.ts";

/** What every scenario gets: the running stack, two signed-in demo users and the run's sizes. */
export interface BenchContext {
  urls: Urls;
  orchestratorApiKey: string;
  service: SupabaseClient<Database>;
  alice: SignedIn;
  bob: SignedIn;
  sizes: Sizes;
  /** Process group of `next start`, whose CPU time per call is reported. */
  appPgid?: number;
  log(line: string): void;
}

export interface Sizes {
  exec: number;
  get: number;
  stopDelete: number;
  list: number;
  listRows: number;
  loadClients: number;
  loadSeconds: number;
  realtime: number;
  /** GETs of each dashboard page (server time). */
  pages: number;
  /** Updates timed until painted in the list page. */
  paint: number;
  terminalEcho: number;
  terminalMegabyte: number;
}

export const fullSizes: Sizes = {
  exec: 300,
  get: 150,
  stopDelete: 20,
  list: 200,
  listRows: 1000,
  loadClients: 50,
  loadSeconds: 20,
  realtime: 300,
  pages: 30,
  paint: 50,
  terminalEcho: 20,
  terminalMegabyte: 3,
};
export const quickSizes: Sizes = {
  exec: 40,
  get: 30,
  stopDelete: 5,
  list: 40,
  listRows: 1000,
  loadClients: 50,
  loadSeconds: 5,
  realtime: 50,
  pages: 15,
  paint: 30,
  terminalEcho: 10,
  terminalMegabyte: 2,
};
export const smokeSizes: Sizes = {
  exec: 20,
  get: 10,
  stopDelete: 2,
  list: 50,
  listRows: 1000,
  loadClients: 20,
  loadSeconds: 3,
  realtime: 20,
  pages: 8,
  paint: 15,
  terminalEcho: 5,
  terminalMegabyte: 3,
};
