// Field schema contract shared by the backend and the frontend (which builds its forms from it),
// so this file imports nothing but zod: no Node built-ins, no backend modules.
import { z } from 'zod';

/** Slug for field, column and check keys: safe in field paths like `items[2].importe`. */
export const FieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase slug: a-z, 0-9, _');

/** Plain text or a translation per UI language. */
export const LocalizedTextSchema = z.union([
  z.string().min(1),
  z.object({ es: z.string().min(1), en: z.string().min(1) }),
]);

const fraction = z.number().min(0).max(1);

/** A region of a page, as fractions of the page width and height (top-left origin). */
export const RegionSchema = z.object({
  page: z.number().int().positive().optional(),
  x: fraction,
  y: fraction,
  w: fraction,
  h: fraction,
});

// Limits may be written as JSON numbers for convenience, but decimal strings keep money exact.
const DecimalLimitSchema = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date yyyy-mm-dd');

/** Per-field validation: min/max are numeric bounds (or lengths for text), dates are ISO. */
export const ValidationSchema = z.object({
  pattern: z.string().optional(),
  min: DecimalLimitSchema.optional(),
  max: DecimalLimitSchema.optional(),
  minDate: IsoDateSchema.optional(),
  maxDate: IsoDateSchema.optional(),
});

const baseField = {
  key: FieldKeySchema,
  label: LocalizedTextSchema,
  required: z.boolean().default(false),
  /** Counts for record verification; a non-verify field is collected but never blocks a record. */
  verify: z.boolean().default(true),
  validation: ValidationSchema.optional(),
  hint: LocalizedTextSchema.optional(),
  region: RegionSchema.optional(),
  /** A private field (e.g. a private person's national id) is cross-checked but never published. */
  public: z.boolean().default(true),
};

/** Minimum similarity (0–1, 1 = equal after folding) for two readings to count as the same value. */
const SimilaritySchema = z.number().min(0).max(1).optional();

export const EntityKindSchema = z.enum(['supplier', 'official', 'agency', 'organization', 'person', 'other']);

export const EnumOptionSchema = z.object({
  value: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  label: LocalizedTextSchema,
});

export const TextFieldSchema = z.object({
  ...baseField,
  type: z.literal('text'),
  similarity: SimilaritySchema,
});
export const NumberFieldSchema = z.object({ ...baseField, type: z.literal('number') });
export const MoneyFieldSchema = z.object({
  ...baseField,
  type: z.literal('money'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
export const DateFieldSchema = z.object({ ...baseField, type: z.literal('date') });
export const TaxIdFieldSchema = z.object({
  ...baseField,
  type: z.literal('tax_id'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export const EnumFieldSchema = z.object({
  ...baseField,
  type: z.literal('enum'),
  options: z.array(EnumOptionSchema).min(1),
});
export const BooleanFieldSchema = z.object({ ...baseField, type: z.literal('boolean') });
export const EntityFieldSchema = z.object({
  ...baseField,
  type: z.literal('entity'),
  entityKind: EntityKindSchema,
  similarity: SimilaritySchema,
});

/** Any non-repeating field (also the column types of a table). */
export const ScalarFieldSchema = z.discriminatedUnion('type', [
  TextFieldSchema,
  NumberFieldSchema,
  MoneyFieldSchema,
  DateFieldSchema,
  TaxIdFieldSchema,
  EnumFieldSchema,
  BooleanFieldSchema,
  EntityFieldSchema,
]);

/** Repeating group (line items). `rowKey` names the columns used to align rows across volunteers. */
export const TableFieldSchema = z.object({
  key: FieldKeySchema,
  label: LocalizedTextSchema,
  type: z.literal('table'),
  columns: z.array(ScalarFieldSchema).min(1),
  minRows: z.number().int().min(0).default(0),
  maxRows: z.number().int().positive().optional(),
  rowKey: z.array(FieldKeySchema).optional(),
  required: z.boolean().default(false),
  verify: z.boolean().default(true),
  hint: LocalizedTextSchema.optional(),
  region: RegionSchema.optional(),
  public: z.boolean().default(true),
});

export const FieldSchema = z.discriminatedUnion('type', [
  TextFieldSchema,
  NumberFieldSchema,
  MoneyFieldSchema,
  DateFieldSchema,
  TaxIdFieldSchema,
  EnumFieldSchema,
  BooleanFieldSchema,
  EntityFieldSchema,
  TableFieldSchema,
]);

const checkId = FieldKeySchema.optional();

/** Sum of a table column equals a money/number field, within `toleranceCents` hundredths. */
export const SumCheckSchema = z.object({
  type: z.literal('sum'),
  id: checkId,
  table: FieldKeySchema,
  column: FieldKeySchema,
  equals: FieldKeySchema,
  toleranceCents: z.number().int().min(0).default(0),
});

/** A date bound: a fixed ISO date, or another date field shifted by `offsetDays`. */
export const DateBoundSchema = z.union([
  IsoDateSchema,
  z.object({ field: FieldKeySchema, offsetDays: z.number().int().default(0) }),
]);

export const DateRangeCheckSchema = z.object({
  type: z.literal('date_range'),
  id: checkId,
  field: FieldKeySchema,
  min: DateBoundSchema.optional(),
  max: DateBoundSchema.optional(),
});

/** `field` is required when `when` has a value (or, with `equals`, that value). */
export const RequiredIfCheckSchema = z.object({
  type: z.literal('required_if'),
  id: checkId,
  field: FieldKeySchema,
  when: FieldKeySchema,
  equals: z.union([z.string(), z.boolean()]).optional(),
});

export const CheckSchema = z.discriminatedUnion('type', [
  SumCheckSchema,
  DateRangeCheckSchema,
  RequiredIfCheckSchema,
]);

/** Shape only; use `FieldSchemaDefinitionSchema` (or `validateFieldSchema`) for semantic checks too. */
export const FieldSchemaShape = z.object({
  fields: z.array(FieldSchema).min(1),
  checks: z.array(CheckSchema).default([]),
});

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type Validation = z.infer<typeof ValidationSchema>;
export type EntityKind = z.infer<typeof EntityKindSchema>;
export type ScalarField = z.infer<typeof ScalarFieldSchema>;
export type TableField = z.infer<typeof TableFieldSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type FieldType = Field['type'];
export type ScalarFieldType = ScalarField['type'];
export type Check = z.infer<typeof CheckSchema>;
export type SumCheck = z.infer<typeof SumCheckSchema>;
export type DateRangeCheck = z.infer<typeof DateRangeCheckSchema>;
export type RequiredIfCheck = z.infer<typeof RequiredIfCheckSchema>;
export type DateBound = z.infer<typeof DateBoundSchema>;
/** A parsed definition (defaults applied). */
export type FieldSchemaDefinition = z.infer<typeof FieldSchemaShape>;
/** What an editor may write (defaults optional). */
export type FieldSchemaDefinitionInput = z.input<typeof FieldSchemaShape>;

/** Stable error codes of `validateFieldSchema`. */
export const FIELD_SCHEMA_ERROR_CODES = [
  'invalid_shape',
  'duplicate_key',
  'duplicate_option',
  'duplicate_check_id',
  'invalid_pattern',
  'min_above_max',
  'region_out_of_page',
  'unknown_row_key',
  'rows_min_above_max',
  'check_unknown_field',
  'check_wrong_type',
] as const;
export type FieldSchemaErrorCode = (typeof FIELD_SCHEMA_ERROR_CODES)[number];
export interface FieldSchemaError {
  code: FieldSchemaErrorCode;
  path: (string | number)[];
  message: string;
}

type Report = (code: FieldSchemaErrorCode, path: (string | number)[], message: string) => void;

function checkScalar(field: ScalarField, path: (string | number)[], report: Report): void {
  const v = field.validation;
  if (v?.pattern !== undefined) {
    try {
      new RegExp(v.pattern, 'u');
    } catch {
      report('invalid_pattern', [...path, 'validation', 'pattern'], `invalid regular expression`);
    }
  }
  if (v?.min !== undefined && v.max !== undefined && Number(v.min) > Number(v.max)) {
    report('min_above_max', [...path, 'validation'], 'min is above max');
  }
  if (v?.minDate !== undefined && v.maxDate !== undefined && v.minDate > v.maxDate) {
    report('min_above_max', [...path, 'validation'], 'minDate is after maxDate');
  }
  if (field.type === 'enum') {
    const values = field.options.map((o) => o.value);
    duplicates(values).forEach((d) =>
      report('duplicate_option', [...path, 'options'], `option "${d}" repeats`),
    );
  }
}

function checkRegion(region: Region | undefined, path: (string | number)[], report: Report): void {
  // 1e-9 leeway: regions drawn in the browser come as float fractions.
  if (region && (region.x + region.w > 1 + 1e-9 || region.y + region.h > 1 + 1e-9)) {
    report('region_out_of_page', [...path, 'region'], 'region extends beyond the page');
  }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.size === seen.add(v).size))];
}

function checkTable(table: TableField, path: (string | number)[], report: Report): void {
  const keys = table.columns.map((c) => c.key);
  duplicates(keys).forEach((d) => report('duplicate_key', [...path, 'columns'], `column "${d}" repeats`));
  table.columns.forEach((c, i) => {
    checkScalar(c, [...path, 'columns', i], report);
    checkRegion(c.region, [...path, 'columns', i], report);
  });
  for (const k of table.rowKey ?? []) {
    if (!keys.includes(k)) report('unknown_row_key', [...path, 'rowKey'], `no column "${k}"`);
  }
  if (table.maxRows !== undefined && table.minRows > table.maxRows) {
    report('rows_min_above_max', path, 'minRows is above maxRows');
  }
}

function checkRefs(def: FieldSchemaDefinition, report: Report): void {
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  const expect = (key: string, types: FieldType[], path: (string | number)[]): Field | undefined => {
    const f = byKey.get(key);
    if (!f) report('check_unknown_field', path, `no field "${key}"`);
    else if (!types.includes(f.type))
      report('check_wrong_type', path, `"${key}" must be ${types.join(' or ')}`);
    return f;
  };
  def.checks.forEach((check, i) => {
    const at = (k: string): (string | number)[] => ['checks', i, k];
    if (check.type === 'sum') {
      const table = expect(check.table, ['table'], at('table'));
      expect(check.equals, ['money', 'number'], at('equals'));
      const col = table?.type === 'table' ? table.columns.find((c) => c.key === check.column) : undefined;
      if (table?.type === 'table' && !col)
        report('check_unknown_field', at('column'), `no column "${check.column}"`);
      if (col && col.type !== 'money' && col.type !== 'number') {
        report('check_wrong_type', at('column'), 'sum column must be money or number');
      }
    } else if (check.type === 'date_range') {
      expect(check.field, ['date'], at('field'));
      for (const b of ['min', 'max'] as const) {
        const bound = check[b];
        if (typeof bound === 'object') expect(bound.field, ['date'], at(b));
      }
    } else {
      const scalars: FieldType[] = ['text', 'number', 'money', 'date', 'tax_id', 'enum', 'boolean', 'entity'];
      expect(check.field, [...scalars, 'table'], at('field'));
      expect(check.when, scalars, at('when'));
    }
  });
  const ids = def.checks.flatMap((c) => (c.id ? [c.id] : []));
  duplicates(ids).forEach((d) => report('duplicate_check_id', ['checks'], `check id "${d}" repeats`));
}

function semanticErrors(def: FieldSchemaDefinition): FieldSchemaError[] {
  const errors: FieldSchemaError[] = [];
  const report: Report = (code, path, message) => errors.push({ code, path, message });
  duplicates(def.fields.map((f) => f.key)).forEach((d) =>
    report('duplicate_key', ['fields'], `key "${d}" repeats`),
  );
  def.fields.forEach((f, i) => {
    checkRegion(f.region, ['fields', i], report);
    if (f.type === 'table') checkTable(f, ['fields', i], report);
    else checkScalar(f, ['fields', i], report);
  });
  checkRefs(def, report);
  return errors;
}

/** Parses and checks a definition; errors carry stable codes for the API and the schema editor. */
export function validateFieldSchema(
  input: unknown,
): { ok: true; schema: FieldSchemaDefinition } | { ok: false; errors: FieldSchemaError[] } {
  const parsed = FieldSchemaShape.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      code: 'invalid_shape' as const,
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    }));
    return { ok: false, errors };
  }
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, schema: parsed.data };
}

/** The full zod schema (shape + semantic rules) for validation at HTTP edges. */
export const FieldSchemaDefinitionSchema = FieldSchemaShape.superRefine((def, ctx) => {
  for (const e of semanticErrors(def)) {
    ctx.addIssue({ code: 'custom', message: e.message, path: e.path, params: { code: e.code } });
  }
});
