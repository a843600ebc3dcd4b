// Shorthand for declaring a resource type with upstream's usual defaults.
import type { ResourceType } from '../resource-type';
import { STANDARD_VERBS } from '../resource-type';

export function defineType(t: Partial<ResourceType> & Pick<ResourceType, 'kind' | 'plural' | 'namespaced'>): ResourceType {
  return {
    group: '',
    version: 'v1',
    listKind: `${t.kind}List`,
    singular: t.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: STANDARD_VERBS,
    subresources: [],
    statusSubresource: false,
    generation: false,
    ...t,
  };
}
