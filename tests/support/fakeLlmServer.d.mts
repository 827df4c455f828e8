// Types for fakeLlmServer.mjs (plain JS so Playwright and bench/ node scripts can import it untranspiled).
// Deliberately free of @types/node: the project's tsconfig only loads the chrome types globally.

export interface FakeLlmServerOptions {
  /** default 0 = any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** pause before every chunk of every stream, unless the scenario sets its own pacing */
  chunkDelayMs?: number;
  /** ids GET /v1/models returns */
  models?: string[];
  /** /v1/models answers anyone; chat completions need `Authorization: Bearer <chatKey>` (else 401) */
  chatKey?: string;
}

/** The JSON body of a request as sent; unknown fields are kept. */
export interface FakeRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [field: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  /** without the query string, e.g. /v1/chat/completions */
  path: string;
  /** lower-cased names, as Node receives them */
  headers: Record<string, string | string[] | undefined>;
  /** null for GET or a body that is not a JSON object */
  body: FakeRequestBody | null;
  rawBody: string;
  /** the client closed the connection before the server finished answering */
  aborted: boolean;
  /** when (Date.now()) each text or reasoning chunk of a stream was written, in order */
  sentAt: number[];
  /** Date.now() when the request arrived */
  receivedAt: number;
  /** Date.now() when its connection closed (answered or not); null while open */
  endedAt: number | null;
}

export interface FakeLlmServer {
  /** base URL ending in /v1, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  /** every non-OPTIONS request received, in order */
  requests: RecordedRequest[];
  /** answer every chat completion with this scenario whatever the model; null = choose by model again */
  setScenario(scenario: string | null): void;
  /** destroys open sockets, wakes pending timers and stops listening */
  close(): Promise<void>;
}

export function startFakeLlmServer(options?: FakeLlmServerOptions): Promise<FakeLlmServer>;
