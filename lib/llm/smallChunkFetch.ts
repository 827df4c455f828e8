/**
 * Largest piece of a response body handed to the SDK at once. In a Chromium service worker a fast
 * stream arrives in reads of up to ~1 MB, and the openai SDK's line splitter rescans and copies the
 * rest of its buffer after every event: quadratic in the read's size (bench/streamOverhead.mjs
 * measured 15× the SDK's time in Node). Bounded pieces keep it linear.
 */
const MAX_BODY_PIECE_BYTES = 4096;

/** A fetch whose response bodies arrive in pieces of at most MAX_BODY_PIECE_BYTES. */
export async function smallChunkFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (!response.body) return response;
  const pieces = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      for (let offset = 0; offset < chunk.byteLength; offset += MAX_BODY_PIECE_BYTES) {
        controller.enqueue(chunk.subarray(offset, offset + MAX_BODY_PIECE_BYTES));
      }
    },
  });
  return new Response(response.body.pipeThrough(pieces), { status: response.status, statusText: response.statusText, headers: response.headers });
}
