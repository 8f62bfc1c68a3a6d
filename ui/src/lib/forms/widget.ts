// What every field widget receives from its row: the declaration, the dotted path of the
// value it edits, the DOM id its row's label points at, and the ids describing it.
import type { Field } from '../bindings/Field.ts';

export interface WidgetProps {
  field: Field;
  path: string;
  id: string;
  describedby: string;
  required: boolean;
}
