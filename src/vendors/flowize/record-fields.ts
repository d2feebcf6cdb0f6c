/**
 * A Flowize record's two halves mapped once each. Every field of a FlowizeRecord is its own
 * resolver, and 100 records × 15 fields used to map the whole search summary (four dates parsed)
 * once per field; now the first field maps it and the others read the result. Keyed by the
 * vendor object itself, so nothing outlives the answer it was read from.
 */
import { detailFields, summaryFields, type FlowizeRecordDetail, type FlowizeSearchRecord } from './models.js';

type Summary = ReturnType<typeof summaryFields>;
type Detail = ReturnType<typeof detailFields>;

const summaries = new WeakMap<FlowizeSearchRecord, { zone: string; fields: Summary }>();
const details = new WeakMap<FlowizeRecordDetail, { zone: string; fields: Detail }>();

/** `summaryFields(s, zone)`, computed once per search record and zone. */
export function summaryOf(s: FlowizeSearchRecord, zone: string): Summary {
  const known = summaries.get(s);
  if (known && known.zone === zone) return known.fields;
  const fields = summaryFields(s, zone);
  summaries.set(s, { zone, fields });
  return fields;
}

/** `detailFields(d, zone)`, computed once per GET /record answer and zone. */
export function detailOf(d: FlowizeRecordDetail, zone: string): Detail {
  const known = details.get(d);
  if (known && known.zone === zone) return known.fields;
  const fields = detailFields(d, zone);
  details.set(d, { zone, fields });
  return fields;
}
