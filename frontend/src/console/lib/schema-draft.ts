// The schema builder edits a flat, form-friendly draft; these functions convert it to and from
// the field-schema contract (labels and hints in both UI languages, empty inputs left out).
import type {
  Check,
  EntityKind,
  Field,
  FieldSchemaDefinition,
  FieldSchemaDefinitionInput,
  FieldType,
  LocalizedText,
  Region,
  ScalarField,
} from '@cotejo/backend/contracts';

export const FIELD_TYPES: FieldType[] = [
  'text',
  'number',
  'money',
  'date',
  'tax_id',
  'enum',
  'boolean',
  'entity',
  'table',
];
export const COLUMN_TYPES = FIELD_TYPES.filter((t) => t !== 'table');
export const ENTITY_KINDS: EntityKind[] = [
  'supplier',
  'official',
  'agency',
  'organization',
  'person',
  'other',
];

export interface DraftOption {
  value: string;
  labelEs: string;
  labelEn: string;
}

export interface DraftField {
  uid: number;
  key: string;
  type: FieldType;
  labelEs: string;
  labelEn: string;
  hintEs: string;
  hintEn: string;
  required: boolean;
  verify: boolean;
  public: boolean;
  min: string;
  max: string;
  pattern: string;
  minDate: string;
  maxDate: string;
  currency: string;
  country: string;
  entityKind: EntityKind;
  options: DraftOption[];
  columns: DraftField[];
  minRows: number;
  maxRows: string;
  region: Region | undefined;
}

export interface DraftCheck {
  uid: number;
  type: Check['type'];
  table: string;
  column: string;
  equals: string;
  toleranceCents: number;
  field: string;
  minDate: string;
  maxDate: string;
  when: string;
  whenEquals: string;
}

let uid = 1;
/** A fresh id for list keys (stable while the builder is open). */
export const nextUid = () => uid++;

/** A new field with sensible defaults. */
export function newField(type: FieldType = 'text', key = ''): DraftField {
  return {
    uid: nextUid(),
    key,
    type,
    labelEs: '',
    labelEn: '',
    hintEs: '',
    hintEn: '',
    required: false,
    verify: true,
    public: true,
    min: '',
    max: '',
    pattern: '',
    minDate: '',
    maxDate: '',
    currency: type === 'money' ? 'ARS' : '',
    country: type === 'tax_id' ? 'AR' : '',
    entityKind: 'supplier',
    options: type === 'enum' ? [{ value: '', labelEs: '', labelEn: '' }] : [],
    columns: type === 'table' ? [newField('text', 'concepto'), newField('money', 'importe')] : [],
    minRows: 0,
    maxRows: '',
    region: undefined,
  };
}

/** A new cross-field check. */
export function newCheck(type: Check['type'] = 'sum'): DraftCheck {
  return {
    uid: nextUid(),
    type,
    table: '',
    column: '',
    equals: '',
    toleranceCents: 0,
    field: '',
    minDate: '',
    maxDate: '',
    when: '',
    whenEquals: '',
  };
}

function text(es: string, en: string): LocalizedText | undefined {
  const a = es.trim();
  const b = en.trim();
  if (!a && !b) return undefined;
  if (a && b && a !== b) return { es: a, en: b };
  return a || b;
}

function split(value: LocalizedText | undefined): [string, string] {
  if (value === undefined) return ['', ''];
  return typeof value === 'string' ? [value, ''] : [value.es, value.en];
}

function scalarOut(d: DraftField): Record<string, unknown> {
  const out: Record<string, unknown> = {
    key: d.key.trim(),
    label: text(d.labelEs, d.labelEn) ?? d.key.trim(),
    type: d.type,
    required: d.required,
    verify: d.verify,
    public: d.public,
  };
  const hint = text(d.hintEs, d.hintEn);
  if (hint) out.hint = hint;
  if (d.region) out.region = d.region;
  const validation: Record<string, string> = {};
  if (d.pattern.trim()) validation.pattern = d.pattern.trim();
  if (d.min.trim()) validation.min = d.min.trim();
  if (d.max.trim()) validation.max = d.max.trim();
  if (d.type === 'date' && d.minDate) validation.minDate = d.minDate;
  if (d.type === 'date' && d.maxDate) validation.maxDate = d.maxDate;
  if (Object.keys(validation).length) out.validation = validation;
  if (d.type === 'money' && d.currency.trim()) out.currency = d.currency.trim().toUpperCase();
  if (d.type === 'tax_id' && d.country.trim()) out.country = d.country.trim().toUpperCase();
  if (d.type === 'entity') out.entityKind = d.entityKind;
  if (d.type === 'enum')
    out.options = d.options.map((o) => ({
      value: o.value.trim(),
      label: text(o.labelEs, o.labelEn) ?? o.value.trim(),
    }));
  return out;
}

function fieldOut(d: DraftField): Record<string, unknown> {
  if (d.type !== 'table') return scalarOut(d);
  const out: Record<string, unknown> = {
    key: d.key.trim(),
    label: text(d.labelEs, d.labelEn) ?? d.key.trim(),
    type: 'table',
    columns: d.columns.map(scalarOut),
    minRows: Number(d.minRows) || 0,
    required: d.required,
    verify: d.verify,
    public: d.public,
  };
  if (d.maxRows.trim()) out.maxRows = Number(d.maxRows);
  const hint = text(d.hintEs, d.hintEn);
  if (hint) out.hint = hint;
  if (d.region) out.region = d.region;
  return out;
}

function checkOut(c: DraftCheck): Record<string, unknown> {
  if (c.type === 'sum')
    return {
      type: 'sum',
      table: c.table,
      column: c.column,
      equals: c.equals,
      toleranceCents: Number(c.toleranceCents) || 0,
    };
  if (c.type === 'date_range') {
    const out: Record<string, unknown> = { type: 'date_range', field: c.field };
    if (c.minDate) out.min = c.minDate;
    if (c.maxDate) out.max = c.maxDate;
    return out;
  }
  const out: Record<string, unknown> = { type: 'required_if', field: c.field, when: c.when };
  if (c.whenEquals.trim()) out.equals = c.whenEquals.trim();
  return out;
}

/** The definition the API receives. */
export function toDefinition(fields: DraftField[], checks: DraftCheck[]): FieldSchemaDefinitionInput {
  return { fields: fields.map(fieldOut), checks: checks.map(checkOut) } as FieldSchemaDefinitionInput;
}

function scalarIn(f: ScalarField): DraftField {
  const d = newField(f.type, f.key);
  [d.labelEs, d.labelEn] = split(f.label);
  [d.hintEs, d.hintEn] = split(f.hint);
  Object.assign(d, { required: f.required, verify: f.verify, public: f.public, region: f.region });
  d.pattern = f.validation?.pattern ?? '';
  d.min = f.validation?.min !== undefined ? String(f.validation.min) : '';
  d.max = f.validation?.max !== undefined ? String(f.validation.max) : '';
  d.minDate = f.validation?.minDate ?? '';
  d.maxDate = f.validation?.maxDate ?? '';
  if (f.type === 'money') d.currency = f.currency ?? '';
  if (f.type === 'tax_id') d.country = f.country ?? '';
  if (f.type === 'entity') d.entityKind = f.entityKind;
  if (f.type === 'enum')
    d.options = f.options.map((o) => {
      const [labelEs, labelEn] = split(o.label);
      return { value: o.value, labelEs, labelEn };
    });
  return d;
}

function fieldIn(f: Field): DraftField {
  if (f.type !== 'table') return scalarIn(f);
  const d = newField('table', f.key);
  [d.labelEs, d.labelEn] = split(f.label);
  [d.hintEs, d.hintEn] = split(f.hint);
  Object.assign(d, {
    required: f.required,
    verify: f.verify,
    public: f.public,
    region: f.region,
    minRows: f.minRows,
  });
  d.maxRows = f.maxRows !== undefined ? String(f.maxRows) : '';
  d.columns = f.columns.map(scalarIn);
  return d;
}

function checkIn(c: Check): DraftCheck {
  const d = newCheck(c.type);
  if (c.type === 'sum')
    Object.assign(d, {
      table: c.table,
      column: c.column,
      equals: c.equals,
      toleranceCents: c.toleranceCents,
    });
  else if (c.type === 'date_range')
    Object.assign(d, {
      field: c.field,
      minDate: typeof c.min === 'string' ? c.min : '',
      maxDate: typeof c.max === 'string' ? c.max : '',
    });
  else
    Object.assign(d, {
      field: c.field,
      when: c.when,
      whenEquals: c.equals === undefined ? '' : String(c.equals),
    });
  return d;
}

/** The builder's draft of a stored definition. */
export function fromDefinition(def: FieldSchemaDefinition): { fields: DraftField[]; checks: DraftCheck[] } {
  return { fields: def.fields.map(fieldIn), checks: def.checks.map(checkIn) };
}

/** Moves an item of `list` by `delta` places (in place), keeping it within bounds. */
export function move<T>(list: T[], index: number, delta: number): void {
  const to = index + delta;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item!);
}
