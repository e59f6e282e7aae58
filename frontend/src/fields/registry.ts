// The field-type registry: each type names the component that edits it. The pure rules
// (empty value, validation, preview) live in ./rules so stores and tests can use them without Vue.
import type { Component } from 'vue';
import type { FieldType } from '@cotejo/backend/contracts';
import ScalarInput from './inputs/ScalarInput.vue';
import EnumInput from './inputs/EnumInput.vue';
import BooleanInput from './inputs/BooleanInput.vue';
import TableInput from './inputs/TableInput.vue';

export interface FieldTypeEntry {
  /** Edits the value; receives `field`, `modelValue`, `inputId`, `describedBy`, `invalid`. */
  component: Component;
  /** How the field's value is held: one string, or rows of strings. */
  shape: 'scalar' | 'rows';
  /** Whether words picked on the page can fill it. */
  acceptsOcr: boolean;
}

export const fieldRegistry: Record<FieldType, FieldTypeEntry> = {
  text: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  number: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  money: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  date: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  tax_id: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  entity: { component: ScalarInput, shape: 'scalar', acceptsOcr: true },
  enum: { component: EnumInput, shape: 'scalar', acceptsOcr: false },
  boolean: { component: BooleanInput, shape: 'scalar', acceptsOcr: false },
  table: { component: TableInput, shape: 'rows', acceptsOcr: true },
};

export * from './rules';
