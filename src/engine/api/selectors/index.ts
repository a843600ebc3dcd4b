// Public entry of the selector package: label selectors (labels.Parse, LabelSelectorAsSelector,
// SelectorFromSet) and field selectors (fields.ParseSelector plus per-kind selectable fields).
// Models apimachinery/pkg/labels and apimachinery/pkg/fields. See the individual files for gaps.

export { SelectorError } from './selector-error';
export {
  parseLabelSelector,
  labelSelectorFromMeta,
  labelSelectorFromSet,
  everythingLabels,
  nothingLabels,
} from './label-selector';
export type { LabelSelector, LabelRequirement, LabelOperator, MetaLabelSelector } from './label-selector';
export {
  parseFieldSelector,
  fieldSelectorFromSet,
  fieldsForObject,
  isSupportedField,
  convertFieldLabel,
  convertFieldSelector,
  escapeFieldValue,
  unescapeFieldValue,
} from './field-selector';
export type { FieldSelector, FieldRequirement } from './field-selector';
