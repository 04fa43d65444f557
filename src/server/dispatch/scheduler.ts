import type PgBoss from 'pg-boss';
import type { Clock } from '../../engine/index.ts';
import { firingsBetween, type ScheduleTrigger } from '../../nodes/start/triggers.ts';
import { num, type SqlClient } from '../sql/client.ts';
import { listFlows, deployedFlow } from '../store/flows.ts';
import { triggersOf } from '../service/triggers.ts';
import { queueStart } from './queue.ts';

/** A firing counts as on time (not missed) when it is at most this late. */
const onTimeMs = 60_000;

/** What one schedule does at `now`, given firings due since it was last dealt with. */
function firingsToRun(trigger: ScheduleTrigger, due: readonly Date[], now: number): Date[] {
  const onTime = due.filter((at) => now - at.getTime() <= onTimeMs);
  const missed = due.filter((at) => now - at.getTime() > onTimeMs);
  switch (trigger.missed) {
    case 'skip':
      return onTime;
    case 'run-once': {
      // One run stands for every firing missed while nothing ran: the latest of them.
      const last = missed.at(-1);
      return last ? [last, ...onTime] : onTime;
    }
  }
}

/**
 * Fires the deployed flows' schedule triggers on the injected clock. Each schedule's state row is
 * locked while its firings are queued and it is moved on, in one transaction, so servers ticking
 * at once fire each firing once; a run's id names its firing, so a repeat is the same run. A
 * schedule starts counting when it is first seen: firings before that were never missed.
 */
export class Scheduler {
  constructor(
    private readonly db: SqlClient,
    private readonly boss: PgBoss,
    private readonly clock: Clock,
  ) {}

  /** Looks at every schedule once; resolves to the run ids it queued. */
  async tick(): Promise<string[]> {
    const started: string[] = [];
    for (const summary of await listFlows(this.db)) {
      const deployed = await deployedFlow(this.db, summary.id);
      if (!deployed) continue;
      const triggers = triggersOf(deployed.flow);
      for (const [index, trigger] of triggers.entries()) {
        if (trigger.type !== 'schedule') continue;
        started.push(...(await this.fire(deployed.id, deployed.name, index, trigger)));
      }
    }
    return started;
  }

  private fire(
    flowId: string,
    flowName: string,
    index: number,
    trigger: ScheduleTrigger,
  ): Promise<string[]> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO aios_schedules (flow_id, trigger_index, done_until) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [flowId, index, now],
      );
      const { rows } = await tx.query(
        `SELECT done_until FROM aios_schedules WHERE flow_id = $1 AND trigger_index = $2 FOR UPDATE`,
        [flowId, index],
      );
      const since = rows[0] ? num(rows[0], 'done_until') : now;
      if (since >= now) return [];
      const due = firingsBetween(trigger, new Date(since), new Date(now));
      const runIds: string[] = [];
      for (const at of firingsToRun(trigger, due, now)) {
        const runId = `schedule:${flowId}:${index}:${at.toISOString()}`;
        const input = trigger.input ?? {};
        await queueStart(
          this.boss,
          tx,
          { runId, reason: 'schedule', flowId, flowName, input },
          now,
        );
        runIds.push(runId);
      }
      await tx.query(
        'UPDATE aios_schedules SET done_until = $3 WHERE flow_id = $1 AND trigger_index = $2',
        [flowId, index, now],
      );
      return runIds;
    });
  }
}
