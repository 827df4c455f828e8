// Every failure of a provider call becomes one ProviderError whose message tells the user what to do.
// This file does not import the openai SDK: SDK errors are recognised by shape (status, headers,
// error body, cause chain), which also covers plain fetch errors and keeps the SDK swappable.

export type ProviderErrorKind =
  'auth' | 'forbidden' | 'origin-refused' | 'rate-limit' | 'server' | 'network' | 'timeout' | 'aborted' | 'bad-request' | 'not-found' | 'stream-error';

interface ProviderErrorInit {
  kind: ProviderErrorKind;
  providerName: string;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  /** what the provider itself said, redacted, for a "details" line */
  detail?: string;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly providerName: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly detail?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.providerName = init.providerName;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.detail !== undefined) this.detail = init.detail;
  }

  /** Error#message is not enumerable; include it so logs and stores get the whole story. */
  toJSON(): ProviderErrorInit & { name: string } {
    return {
      name: this.name,
      kind: this.kind,
      providerName: this.providerName,
      message: this.message,
      status: this.status,
      retryAfterSeconds: this.retryAfterSeconds,
      detail: this.detail,
    };
  }
}

export interface ProviderErrorContext {
  providerName: string;
  baseURL: string;
  /** only used to scrub it from anything the provider echoes back */
  apiKey?: string;
  model?: string;
  /** true once the response started: a failing connection then means the stream broke off */
  streaming?: boolean;
  timeoutMs?: number;
}

const MAX_DETAIL_CHARS = 300;

export function abortedError(ctx: ProviderErrorContext): ProviderError {
  return new ProviderError({
    kind: 'aborted',
    providerName: ctx.providerName,
    message: `The request to ${ctx.providerName} was cancelled.`,
  });
}

/** Which wait ran out: for the provider to start answering, or for the next piece of a streaming answer. */
export type TimeoutPhase = 'first-byte' | 'between-chunks';

export function timeoutError(ctx: ProviderErrorContext, phase?: TimeoutPhase): ProviderError {
  const name = ctx.providerName;
  // Whole seconds as the setting is; tenths below one second (tests use short limits).
  const seconds = ctx.timeoutMs ? (ctx.timeoutMs >= 1000 ? Math.round(ctx.timeoutMs / 1000) : Math.round(ctx.timeoutMs / 100) / 10) : undefined;
  const longer = 'Try again, or allow a longer wait in Options → General.';
  let message: string;
  if (phase === 'first-byte') {
    message = `${name} did not start answering within ${seconds ?? 'the allowed'} s. A local model may still be loading: ${longer.charAt(0).toLowerCase()}${longer.slice(1)}`;
  } else if (phase === 'between-chunks') {
    message = `${name} went silent for ${seconds ?? 'too many'} s in the middle of the answer. ${longer}`;
  } else {
    const limit = seconds !== undefined ? ` within ${seconds} s` : ' in time';
    message = `${name} did not finish answering${limit}. Try again, or pick a faster model.`;
  }
  return new ProviderError({ kind: 'timeout', providerName: name, message });
}

export function toProviderError(err: unknown, ctx: ProviderErrorContext): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = ctx.providerName;
  // Redact before clipping, or a key cut in half by the clip would slip through.
  const tidy = (text: string) => clip(redactSecret(text, ctx.apiKey));
  const record = asRecord(err);
  const status = typeof record?.status === 'number' ? record.status : undefined;

  if (status !== undefined) return fromHttpStatus(status, record ?? {}, ctx, tidy);

  const errorName = typeof record?.name === 'string' ? record.name : '';
  const message = typeof record?.message === 'string' ? record.message : String(err);

  // The SDK turns a `{"error": {...}}` event inside a 200 stream into an error with no status but a body.
  const body = asRecord(record?.error);
  if (body) {
    const detail = tidy(bodyMessage(body) ?? message);
    const code = typeof body.code === 'number' ? body.code : undefined;
    return new ProviderError({
      kind: 'stream-error',
      providerName: name,
      status: code,
      detail,
      message: `${name} reported an error mid-answer: ${detail}`,
    });
  }

  // The SDK's APIUserAbortError and APIConnectionTimeoutError have no names of their own, only these messages.
  if (errorName === 'AbortError' || message === 'Request was aborted.') return abortedError(ctx);
  if (errorName === 'TimeoutError' || /timed? ?out/i.test(message)) return timeoutError(ctx);

  if (errorName === 'SyntaxError') {
    const detail = tidy(message);
    return new ProviderError({
      kind: 'stream-error',
      providerName: name,
      detail,
      message: `The stream from ${name} broke off: it sent data that is not valid JSON (${withoutFinalStop(detail)}).`,
    });
  }

  const cause = describeCause(err);
  if (ctx.streaming) {
    const detail = tidy(cause.text);
    return new ProviderError({
      kind: 'stream-error',
      providerName: name,
      detail,
      message: `The stream from ${name} broke off: ${detail}`,
    });
  }
  if (cause.timedOut) return timeoutError(ctx);
  const detail = tidy(cause.text);
  const hint = cause.code === 'ECONNREFUSED' ? ' Is it running?' : ' Is it running, and is the base URL right?';
  return new ProviderError({
    kind: 'network',
    providerName: name,
    detail,
    message: `Could not reach ${name} at ${displayURL(ctx.baseURL)}: ${withoutFinalStop(detail)}.${hint}`,
  });
}

function fromHttpStatus(status: number, record: Record<string, unknown>, ctx: ProviderErrorContext, tidy: (text: string) => string): ProviderError {
  const name = ctx.providerName;
  const body = asRecord(record.error);
  const rawDetail = (body && bodyMessage(body)) ?? stripStatusPrefix(scalarText(record.message), status);
  const detail = tidy(rawDetail.trim());
  const said = detail ? `: ${withoutFinalStop(detail)}` : '';
  const base = { providerName: name, status, ...(detail ? { detail } : {}) };

  if (status === 401) {
    const message = ctx.apiKey
      ? `The key for ${name} was refused (401). Check it in Options → Providers.`
      : `${name} needs an API key (401). Add it in Options → Providers.`;
    return new ProviderError({ ...base, kind: 'auth', message });
  }
  if (status === 403) {
    // Ollama answers a disallowed Origin with a bare 403 (empty body); other servers mention the origin.
    if (isLocalURL(ctx.baseURL) || !detail || /origin|cors/i.test(detail)) {
      const isOllama = /ollama/i.test(name) || /:11434\b/.test(ctx.baseURL);
      const who = isOllama ? 'Start Ollama' : 'If it is Ollama, start it';
      return new ProviderError({
        ...base,
        kind: 'origin-refused',
        message:
          `${name} refused the request from the extension (403). ${who} with ` +
          `OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* (Flowbar also strips the Origin header for local providers).`,
      });
    }
    return new ProviderError({
      ...base,
      kind: 'forbidden',
      message: `${name} refused access (403)${said}. The key may not have access to this model.`,
    });
  }
  if (status === 402) {
    return new ProviderError({ ...base, kind: 'forbidden', message: `${name} needs payment or credits (402)${said}.` });
  }
  if (status === 404) {
    const url = displayURL(ctx.baseURL);
    const what = ctx.model ? `the model "${ctx.model}" or the base URL ${url}` : `the base URL ${url}`;
    return new ProviderError({
      ...base,
      kind: 'not-found',
      message: `${name} does not know ${what} (404)${said}. Check them in Options → Providers.`,
    });
  }
  if (status === 408) {
    return new ProviderError({ ...base, kind: 'timeout', message: timeoutError(ctx).message });
  }
  if (status === 429) {
    const retryAfterSeconds = retryAfter(record.headers);
    // OpenAI also uses 429 for an exhausted balance, where waiting does not help.
    const quota = /quota|billing|credit/i.test(`${scalarText(body?.code)} ${scalarText(body?.type)} ${detail}`);
    const when = retryAfterSeconds !== undefined ? `in ${retryAfterSeconds} s` : 'in a moment';
    const message = quota
      ? `${name} says the account is out of quota (429)${said}. Check the plan or billing.`
      : `${name} is rate limiting requests (429). Try again ${when}.`;
    return new ProviderError({ ...base, kind: 'rate-limit', message, retryAfterSeconds });
  }
  if (status >= 500) {
    const what = status === 503 || status === 529 ? 'is overloaded or unavailable' : 'had a server error';
    return new ProviderError({ ...base, kind: 'server', message: `${name} ${what} (${status})${said}. Try again later.` });
  }
  return new ProviderError({ ...base, kind: 'bad-request', message: `${name} rejected the request (${status})${said}.` });
}

/** Retry-After (seconds or HTTP date) or retry-after-ms, from a fetch Headers or a plain record. */
export function retryAfter(headers: unknown): number | undefined {
  const get = (key: string): string | undefined => {
    const record = asRecord(headers);
    if (!record) return undefined;
    if (typeof record.get === 'function') {
      return (record.get as (name: string) => string | null).call(headers, key) ?? undefined;
    }
    const value = Object.entries(record).find(([k]) => k.toLowerCase() === key)?.[1];
    return typeof value === 'string' ? value : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const raw = get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function isLocalURL(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname.toLowerCase();
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** The base URL without credentials, query or fragment: safe to show. */
function displayURL(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return baseURL.split(/[?#]/)[0];
  }
}

/** Finds the most telling message and code in an error's cause chain (fetch wraps the socket error). */
function describeCause(err: unknown): { text: string; code?: string; timedOut: boolean } {
  let text = '';
  let code: string | undefined;
  let timedOut = false;
  for (let current: unknown = err, depth = 0; current && depth < 5; depth++) {
    const record = asRecord(current);
    if (!record) break;
    if (typeof record.code === 'string') code = record.code;
    if (typeof record.message === 'string' && record.message) text = record.message;
    if (record.name === 'TimeoutError' || /TIMEDOUT|TIMEOUT/.test(scalarText(record.code))) timedOut = true;
    current = record.cause;
  }
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS lookup failed)',
    ECONNRESET: 'the connection was reset',
    EPIPE: 'the connection was closed',
    UND_ERR_SOCKET: 'the connection was closed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  };
  if (code && known[code]) text = known[code];
  else if (!text || /^(fetch failed|failed to fetch|connection error\.?|terminated)$/i.test(text)) {
    // Browsers say only "Failed to fetch" for refused connections, DNS failures and blocked requests alike.
    text = text && /terminated/i.test(text) ? 'the connection closed early' : 'the connection failed';
  }
  return { text, code, timedOut };
}

function bodyMessage(body: Record<string, unknown>): string | undefined {
  if (typeof body.message === 'string' && body.message) return body.message;
  if (body.message !== undefined) return JSON.stringify(body.message);
  return undefined;
}

/** The SDK prefixes messages with the status ("429 Rate limit…"); the user message states it already. */
function stripStatusPrefix(message: string, status: number): string {
  const stripped = message.replace(new RegExp(`^${status}\\s+`), '');
  return stripped === 'status code (no body)' ? '' : stripped;
}

/** Details are embedded mid-sentence; avoid "overloaded.. Try again". */
function withoutFinalStop(text: string): string {
  return text.replace(/[.。]+$/, '');
}

function clip(text: string): string {
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/** Some providers echo the key they refused; never let it reach the UI or logs. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A string or number field of a provider's error as text; anything else (absent, an object) as ''. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
