// Entity (canonical names) payloads.
import { z } from 'zod';
import { EntityKindSchema } from './field-schema.js';

export const entitySuggestQuery = z.object({
  kind: EntityKindSchema,
  q: z.string().min(1).max(200),
});
export const entityListQuery = z.object({ kind: EntityKindSchema.optional() });
export const createEntityBody = z.object({ kind: EntityKindSchema, name: z.string().min(1).max(300) });
export const mergeEntitiesBody = z.object({
  into: z.uuid(),
  from: z.array(z.uuid()).min(1).max(100),
});
export const splitEntityBody = z.object({
  aliasIds: z.array(z.uuid()).min(1).max(100),
  name: z.string().min(1).max(300),
});
export const renameEntityBody = z.object({ name: z.string().min(1).max(300) });

export interface EntityView {
  id: string;
  kind: string;
  name: string;
  aliases: { id: string; alias: string }[];
}
