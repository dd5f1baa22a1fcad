import { MappedText } from "../../src/core/mapped-text.js";
import type { Claim, Quantity } from "../../src/core/types.js";
import { openDb } from "../../src/store/open.js";
import { ensureDataset, loadDataset } from "../../src/store/dataset.js";
import type { Dataset } from "../../src/link/index.js";

/** A hand-made claim: `text` as heard, with the tags the claims stage would give it. */
export function makeClaim(text: string, tags: { states?: string[]; quantities?: Quantity[]; year?: number | null; turn?: number; sentence?: number } = {}): Claim {
  return {
    turnIndex: tags.turn ?? 0,
    sentenceIndex: tags.sentence ?? 0,
    text: MappedText.inserted(text),
    normal: text,
    score: 0.9,
    type: "quantity",
    topics: [],
    quantities: tags.quantities ?? [],
    states: tags.states ?? [],
    year: tags.year ?? null,
    speaker: "Speaker 1",
    claimant: "Speaker 1",
    startTime: null,
    endTime: null,
    fromTeaser: false,
  };
}

/** A quantity as the claims stage tags it. */
export function q(kind: Quantity["kind"], value: number, text: string, unit = ""): Quantity {
  return { kind, value, text, unit };
}

let shipped: Dataset | undefined;

/** The shipped dataset (data/fiscal), loaded once through the store into an in-memory database. */
export function shippedDataset(): Dataset {
  if (shipped) return shipped;
  const db = openDb(":memory:");
  ensureDataset(db, "data/fiscal");
  shipped = loadDataset(db);
  db.close();
  return shipped;
}
