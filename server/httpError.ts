/** A refusal with a status, a stable code and a sentence for the user (errorResponse in lib/sync/syncSchemas.ts). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notAMember = () => new HttpError(404, 'org_not_found', 'No such org, or you are not a member of it.');
