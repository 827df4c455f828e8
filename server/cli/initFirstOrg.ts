import type { Kysely } from 'kysely';
import { newApiToken } from '../auth/apiToken.ts';
import type { Database } from '../db/schema.ts';

export interface FirstOrg {
  orgId: string;
  userId: string;
  /** shown once; the database keeps only its hash */
  token: string;
}

/** Creates the first org, its owner and the owner's token, as the tables' owner (there is no user yet to act as). */
export async function initFirstOrg(owner: Kysely<Database>, input: OrgWithOwner): Promise<FirstOrg> {
  return owner.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
    if (existing) throw new Error('This server has an org already. Make more tokens with POST /me/tokens and add people with POST /orgs/:orgId/members.');
    return createOrgWithOwner(tx, input);
  });
}

export interface OrgWithOwner {
  orgName: string;
  email: string;
  name: string;
}

/** An org, its owner and the owner's token, written as the tables' owner (past row-level security). */
export async function createOrgWithOwner(tx: Kysely<Database>, input: OrgWithOwner): Promise<FirstOrg> {
  const user = await tx.insertInto('users').values({ email: input.email.toLowerCase(), name: input.name }).returning('id').executeTakeFirstOrThrow();
  const org = await tx.insertInto('orgs').values({ name: input.orgName }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('memberships').values({ org_id: org.id, user_id: user.id, role: 'owner' }).execute();
  const { token, hash } = newApiToken();
  const row = await tx
    .insertInto('api_tokens')
    .values({ user_id: user.id, name: 'first token', token_hash: hash, expires_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('audit_log').values({ org_id: org.id, user_id: user.id, action: 'org.init', target_id: org.id }).execute();
  await tx.insertInto('audit_log').values({ org_id: null, user_id: user.id, action: 'token.create', target_id: row.id }).execute();
  return { orgId: org.id, userId: user.id, token };
}

export function connectInstructions(first: FirstOrg, input: { orgName: string; email: string }, serverUrl: string): string {
  return [
    `Created the org "${input.orgName}" with its owner ${input.email}.`,
    '',
    'Connect an extension: Flowbar options → Team, then enter',
    `  Server URL: ${serverUrl}`,
    `  Token:      ${first.token}`,
    '',
    'The token is shown only now (the server keeps its SHA-256); make more with POST /me/tokens.',
    'Start the server with: npm run server',
  ].join('\n');
}
