// Column descriptions read from the API field documentation (SwaggerDoc() in upstream's
// printers), here the generated schema's descriptions.
// Models kubernetes/pkg/printers/internalversion/printers.go (Description: X{}.SwaggerDoc()[field])
import { definitionByName } from '../../schema/document';

/** The documentation of `field` in definition `def` (`io.k8s.api.core.v1.PersistentVolumeSpec`), '' when unknown. */
export function swaggerDoc(def: string, field: string): string {
  return definitionByName(def)?.properties?.[field]?.description ?? '';
}
