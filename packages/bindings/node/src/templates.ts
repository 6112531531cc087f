// The Node target's templates (bindings-templates/node/), read once through the shared loader before any emitter runs.
// Templates only read fields the Node pass computed; a missing field is an error naming the Node pass.

import { TemplateSet } from '@ingot/bindings-common';

export const nodeTemplates = new TemplateSet('node', 'Node');
