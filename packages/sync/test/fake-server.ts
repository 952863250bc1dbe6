import { conflictFromRejection, planRowWrite } from '../src/apply';
import { pageAfter, type PullRequest, type PullResponse } from '../src/checkpoint';
import { isCollectionName, type AnyDoc, type CollectionName } from '../src/collections';
import { validatePush, type PushRow, type PushValidation, type PushWorker } from '../src/push';

export interface PushReply {
  validation: PushValidation;
  /** Master states handed back to the tablet (RxDB push "conflicts"). */
  masters: AnyDoc[];
}

/**
 * An in-memory server built only from this package's pure parts — the same calls the real
 * endpoints make around their SQL.
 */
export class FakeServer {
  readonly docs = new Map<CollectionName, Map<string, AnyDoc>>();
  readonly batches = new Map<string, PushReply>();
  constructor(public now: number) {}

  put(collection: CollectionName, doc: AnyDoc): void {
    if (!this.docs.has(collection)) this.docs.set(collection, new Map());
    this.docs.get(collection)?.set(doc.id, doc);
  }

  get<D extends AnyDoc>(collection: CollectionName, id: string): D | undefined {
    return this.docs.get(collection)?.get(id) as D | undefined;
  }

  all(collection: CollectionName): AnyDoc[] {
    return [...(this.docs.get(collection)?.values() ?? [])];
  }

  pull(worker: PushWorker, req: PullRequest): PullResponse<AnyDoc> {
    const visible = this.all(req.collection).filter((d) => {
      if (!worker.tenantIds.includes(d.tenantId)) return false;
      const area = (d as { areaId?: string }).areaId;
      return worker.areaIds === undefined || area === undefined || worker.areaIds.includes(area);
    });
    return pageAfter(visible, req.checkpoint, req.limit);
  }

  push(worker: PushWorker, batch: { batchId: string; clientTime: number; rows: PushRow[] }): PushReply {
    const replay = this.batches.get(batch.batchId);
    const validation = validatePush({
      ...batch,
      worker,
      now: this.now,
      seen: (id) => this.batches.get(id)?.validation,
      master: (c, id) => this.get(c, id),
    });
    if (validation.replayed && replay) return replay;
    const masters: AnyDoc[] = [];
    for (const row of validation.accepted) {
      const plan = planRowWrite(row, this.get(row.collection, row.doc.id), this.now, worker);
      if (plan.write) this.put(row.collection, plan.write);
      if (plan.record) this.put('conflicts', plan.record);
      if (plan.returnToTablet) masters.push(plan.returnToTablet);
    }
    for (const r of validation.rejected) {
      const master = r.docId !== null && isCollectionName(r.collection) ? this.get(r.collection, r.docId) : undefined;
      const kept = conflictFromRejection(r, master, worker, this.now);
      if (kept) this.put('conflicts', kept);
      if (master) masters.push(master);
    }
    const reply = { validation, masters };
    this.batches.set(batch.batchId, reply);
    return reply;
  }

  snapshot(): string {
    return JSON.stringify([...this.docs.entries()].map(([c, m]) => [c, [...m.entries()].sort()]).sort());
  }
}
