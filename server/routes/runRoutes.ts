import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { epochMs, runsUploadRequest, runsUploadResponse, storedRun } from '../../lib/sync/syncSchemas.ts';
import { anyRole, requireRole } from '../auth/requireRole.ts';
import { asUser } from '../db/asUser.ts';
import { HttpError } from '../httpError.ts';
import { orgParams, responses, type RouteOptions } from './routeSupport.ts';

const TASKS_PER_INSERT = 2_000;

export const runRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { db }) => {
  app.post(
    '/orgs/:orgId/runs',
    {
      schema: {
        summary: 'Record runs and their tasks in ai_runs / ai_tasks: append-only, idempotent by the client-generated ids',
        tags: ['runs'],
        params: orgParams,
        body: runsUploadRequest,
        response: responses({ 200: runsUploadResponse }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { userId } = request.auth;
      return asUser(db, userId, async (tx) => {
        await requireRole(tx, userId, orgId, anyRole, 'record runs');
        const org = await tx.selectFrom('orgs').select(['collect_runs', 'collect_run_text']).where('id', '=', orgId).executeTakeFirstOrThrow();
        if (!org.collect_runs) throw new HttpError(403, 'runs_not_collected', 'This org does not collect runs (an admin can turn it on).');
        const projectIds = [...new Set(request.body.runs.map((r) => r.projectId).filter((id): id is string => id !== null))];
        if (projectIds.length) {
          const known = new Set(
            (await tx.selectFrom('projects').select('id').where('org_id', '=', orgId).where('id', 'in', projectIds).execute()).map((p) => p.id),
          );
          const unknown = projectIds.filter((id) => !known.has(id));
          if (unknown.length) throw new HttpError(400, 'unknown_project', `No project ${unknown.join(', ')} in this org.`);
        }
        // One insert for the runs, then the tasks in large batches: a run or task already stored is skipped.
        const { runs } = request.body;
        const storedRuns = new Set(
          (
            await tx
              .insertInto('ai_runs')
              .values(
                runs.map((run) => ({
                  org_id: orgId,
                  id: run.id,
                  project_id: run.projectId,
                  user_id: userId,
                  source_type: run.sourceType,
                  source_id: run.sourceId,
                  name: run.name,
                  total_tokens: run.totalTokens,
                  total_cost: run.totalCost,
                  created_at: new Date(run.createdAt),
                })),
              )
              .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
              .returning('id')
              .execute()
          ).map((r) => r.id),
        );
        const tasks = runs.flatMap((run) =>
          run.tasks.map((task) => ({
            org_id: orgId,
            id: task.id,
            run_id: run.id,
            user_id: userId,
            model: task.model,
            provider: task.provider,
            prompt_tokens: task.promptTokens,
            completion_tokens: task.completionTokens,
            cost: task.cost,
            time_to_first_token_ms: task.timeToFirstToken,
            duration_ms: task.duration,
            status: task.status,
            error: task.error,
            output: org.collect_run_text ? (task.output ?? null) : null,
            created_at: new Date(task.createdAt),
          })),
        );
        const tasksStored = new Map<string, number>();
        // 15 parameters a task: 2,000 a statement stay well under PostgreSQL's 65,535
        for (let i = 0; i < tasks.length; i += TASKS_PER_INSERT) {
          const inserted = await tx
            .insertInto('ai_tasks')
            .values(tasks.slice(i, i + TASKS_PER_INSERT))
            .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
            .returning('run_id')
            .execute();
          for (const t of inserted) tasksStored.set(t.run_id, (tasksStored.get(t.run_id) ?? 0) + 1);
        }
        const reported = new Set<string>();
        const results = runs.map((run) => {
          // the same run twice in one request: the first is the one stored
          const stored = storedRuns.has(run.id) && !reported.has(run.id);
          const counted = reported.has(run.id) ? 0 : (tasksStored.get(run.id) ?? 0);
          reported.add(run.id);
          return { id: run.id, stored, tasksStored: counted };
        });
        return { runs: results };
      });
    },
  );

  app.get(
    '/orgs/:orgId/runs',
    {
      schema: {
        summary: "The org's latest runs with their tasks, newest first",
        tags: ['runs'],
        params: orgParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.number().pipe(epochMs).optional() }),
        response: responses({ 200: z.strictObject({ runs: z.array(storedRun) }) }),
      },
    },
    async (request) => {
      const { orgId } = request.params;
      return asUser(db, request.auth.userId, async (tx) => {
        await requireRole(tx, request.auth.userId, orgId, anyRole, 'read runs');
        let query = tx.selectFrom('ai_runs').selectAll().where('org_id', '=', orgId);
        if (request.query.before !== undefined) query = query.where('created_at', '<', new Date(request.query.before));
        const runs = await query.orderBy('created_at', 'desc').orderBy('id').limit(request.query.limit).execute();
        const tasks = runs.length
          ? await tx
              .selectFrom('ai_tasks')
              .selectAll()
              .where('org_id', '=', orgId)
              .where(
                'run_id',
                'in',
                runs.map((r) => r.id),
              )
              .orderBy('created_at')
              .orderBy('id')
              .execute()
          : [];
        return {
          runs: runs.map((run) => ({
            id: run.id,
            projectId: run.project_id,
            userId: run.user_id,
            sourceType: run.source_type,
            sourceId: run.source_id,
            name: run.name,
            totalTokens: run.total_tokens,
            totalCost: run.total_cost,
            createdAt: new Date(run.created_at).getTime(),
            receivedAt: new Date(run.received_at).getTime(),
            tasks: tasks
              .filter((t) => t.run_id === run.id)
              .map((t) => ({
                id: t.id,
                userId: t.user_id,
                model: t.model,
                provider: t.provider,
                promptTokens: t.prompt_tokens,
                completionTokens: t.completion_tokens,
                cost: t.cost,
                timeToFirstToken: t.time_to_first_token_ms,
                duration: t.duration_ms,
                status: t.status,
                error: t.error,
                output: t.output,
                createdAt: new Date(t.created_at).getTime(),
              })),
          })),
        };
      });
    },
  );
};
