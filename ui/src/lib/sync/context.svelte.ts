// What the two sync views share: the account under review (chosen in either view, or by
// "Review changes" on an account) and the catalogue, loaded once, for labels and values.
import { api } from '../ipc.ts';
import type { ApplyReport } from '../bindings/ApplyReport.ts';
import type { CatalogueSchema } from '../bindings/CatalogueSchema.ts';
import type { Plan } from '../bindings/Plan.ts';

export const syncTarget = $state<{ account: string | null }>({ account: null });

let schema: Promise<CatalogueSchema> | null = null;

export function loadCatalogue(): Promise<CatalogueSchema> {
  schema ??= api.catalogueSchema().catch((e) => {
    schema = null;
    throw e;
  });
  return schema;
}

/** The review in progress, kept while the administrator visits other views (e.g. to fix
 *  a channel): the plan, whether it was approved, and the last apply's outcome. */
export const review = $state<{ account: string | null; plan: Plan | null; approved: boolean; report: ApplyReport | null }>({
  account: null,
  plan: null,
  approved: false,
  report: null,
});
