/**
 * A Flowize record's two halves mapped once each. Every field of a FlowizeRecord is its own
 * resolver, and 100 records × 15 fields used to map the whole search summary (four dates parsed)
 * once per field; now the first field maps it and the others read the result. Keyed by the
 * vendor object itself, so nothing outlives the answer it was read from.
 */
import { detailFields, summaryFields, type FlowizeRecordDetail, type FlowizeSearchRecord } from './models.js';

/**
 * `map(value, zone)`, computed once per vendor object and zone: the cache is one WeakMap made when
 * the module loads, so a call allocates nothing once the value is known.
 */
function mappedOnce<From extends object, To>(
  map: (value: From, zone: string) => To,
): (value: From, zone: string) => To {
  const known = new WeakMap<From, { zone: string; fields: To }>();
  return (value, zone) => {
    const hit = known.get(value);
    if (hit && hit.zone === zone) return hit.fields;
    const fields = map(value, zone);
    known.set(value, { zone, fields });
    return fields;
  };
}

/** `summaryFields(s, zone)`, computed once per search record and zone. */
export const summaryOf: (s: FlowizeSearchRecord, zone: string) => ReturnType<typeof summaryFields> =
  mappedOnce(summaryFields);

/** `detailFields(d, zone)`, computed once per GET /record answer and zone. */
export const detailOf: (d: FlowizeRecordDetail, zone: string) => ReturnType<typeof detailFields> =
  mappedOnce(detailFields);
