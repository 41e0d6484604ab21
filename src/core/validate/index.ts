// Validation of one raw object: upstream's API-server rules (errors) and likely mistakes (warnings).
import type { Problem } from '../model/types.js';
import type { RawObject } from '../parse/manifests.js';

export function validateObject(_obj: RawObject): Problem[] {
  return [];
}
