/**
 * Turning a settled task into a gold task: a copy whose known values (the verified or reviewed
 * comparables) calibrate new volunteers. Gold tasks never count toward progress or records.
 */
import type { StoredValue } from '../crowd/repository.js';
import { fieldResultsOf } from '../crowd/repository.js';
import type { Tx } from '../db/client.js';
import { AppError } from '../errors.js';
import { insertTasks, type TaskRow } from './repository.js';

/** Creates the gold copy of a complete task. */
export async function makeGoldTask(tx: Tx, task: TaskRow): Promise<TaskRow> {
  if (task.isGold || task.status !== 'complete')
    throw new AppError('conflict', 'Only a verified task can become gold');
  const gold: Record<string, string> = {};
  for (const [path, row] of await fieldResultsOf(tx, task.id)) {
    const v = row.value as StoredValue | null;
    if ((row.status === 'verified' || row.status === 'reviewed') && v)
      gold[path] = v.m ? `!${v.m}` : (v.c ?? '');
  }
  const [created] = await insertTasks(tx, [
    {
      projectId: task.projectId,
      documentId: task.documentId,
      pageNumber: task.pageNumber,
      schemaId: task.schemaId,
      isGold: true,
      goldValues: gold,
      needed: 0,
    },
  ]);
  return created!;
}
