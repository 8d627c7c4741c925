/**
 * Cross-dialect agreement: several SDKs' docs of one API, read by docs2ts, compared model by
 * model and field by field. Pure functions over IRs; the test (test/corpus/agreement.test.ts)
 * loads the IRs and pins the results.
 *
 * Models are matched by doc file name: the base name, lower-cased, with `_` and `-` dropped
 * (`models/components/phonenumber.md`, `Models/Components/PhoneNumber.md` and python's flat
 * `models/phonenumber.md` are one model), inside the folder group (components — Sorbet's
 * `shared` —, operations, errors), since the SDKs keep same-named models of different folders
 * apart (`components/Actor` is not `operations/Actor`). A flat python doc takes the group of the
 * only folder that holds its name elsewhere.
 *
 * Naming variants (a model named differently in one SDK: python's `CreateActorTokenActor` for
 * `operations/Actor`, PHP's `ObjectT` for `Object`) are matched through the links: when a field
 * matched in several dialects links to a model that has no partner in its own dialect, the model
 * is matched to what the others' same field links to, by majority, once per model and only to a
 * model its dialect has not already matched. Repeated until nothing changes.
 *
 * Fields are matched by name with case and `_` folded (`phone_number`, `phoneNumber`,
 * `PhoneNumber`, Java's `public_`). C# renames a property named like its class
 * (`PhoneNumber.PhoneNumberValue`): that suffix is dropped when the rest is the model's name.
 */
import { posix } from "node:path";
import type { IR, Model, TypeRef } from "../../generator/api.js";

export interface Corpus {
  /** Column name, e.g. "python". */
  name: string;
  ir: IR;
}

/** The canonical type: refs by matched model id, no null members, external names dropped. */
export type CType =
  | { kind: "scalar"; name: string }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "array"; items: CType }
  | { kind: "map"; values: CType }
  | { kind: "ref"; id: string; enum: boolean }
  | { kind: "union"; members: CType[] };

export function fold(s: string): string {
  return s.toLowerCase().replace(/[_-]/g, "");
}

export function baseOf(source: string): string {
  return fold(posix.basename(source, ".md"));
}

/** components / operations / errors, or "" for a flat folder. */
export function groupOf(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length <= 2) return "";
  const g = parts[parts.length - 2]!;
  return g === "shared" ? "components" : g;
}

export interface Matching {
  /** Per corpus: model source -> canonical id (`group/base`). */
  ids: Map<string, Map<string, string>>;
  /** Per corpus: sources matched through links rather than by name, `source -> id`. */
  byLink: Map<string, Map<string, string>>;
  /** Per corpus: sources whose id no other corpus holds. */
  unmatched: Map<string, string[]>;
}

/** What a model holds, without names: its folded field names, its enum values, or its member count. */
export function shapeOf(model: Model): string {
  if (model.kind === "enum") return `enum:${key((model.values ?? []).map((v) => String(v.value)))}`;
  if (model.kind === "union") return `union:${(model.members ?? []).length}`;
  return `object:${key((model.fields ?? []).map((f) => fieldKey(model, f.name)))}`;
}

/** Match models across corpora (see the module comment). */
export function matchModels(corpora: readonly Corpus[]): Matching {
  const ids = new Map<string, Map<string, string>>();
  const byLink = new Map<string, Map<string, string>>();
  const bySource = new Map(corpora.map((c) => [c.name, new Map(c.ir.models.map((m) => [m.source, m]))]));
  // 1. By name: folder dialects give `group/base` directly.
  const known = new Map<string, Set<string>>(); // base -> ids seen in folder dialects
  for (const c of corpora) {
    const m = new Map<string, string>();
    // Two docs of one folder whose names differ only in case or `_` (PHP's SAMLConnection.md and
    // SamlConnection.md) are different models: neither takes the name; the links may match them.
    const count = new Map<string, number>();
    for (const model of c.ir.models) {
      const g = groupOf(model.source);
      if (g) count.set(`${g}/${baseOf(model.source)}`, (count.get(`${g}/${baseOf(model.source)}`) ?? 0) + 1);
    }
    for (const model of c.ir.models) {
      const g = groupOf(model.source);
      if (!g) continue;
      const id = `${g}/${baseOf(model.source)}`;
      if (count.get(id)! === 1) m.set(model.source, id);
      let s = known.get(baseOf(model.source));
      if (!s) known.set(baseOf(model.source), (s = new Set()));
      s.add(id);
    }
    ids.set(c.name, m);
    byLink.set(c.name, new Map());
  }
  /** The shapes the other corpora's models of `id` have. */
  const shapesOf = (id: string, except: string) => {
    const out = new Set<string>();
    for (const c of corpora) {
      if (c.name === except) continue;
      for (const [source, i] of ids.get(c.name)!) if (i === id) out.add(shapeOf(bySource.get(c.name)!.get(source)!));
    }
    return out;
  };
  // A flat doc: the only folder that holds its name, else the only one whose doc has its shape.
  for (const c of corpora) {
    const m = ids.get(c.name)!;
    for (const model of c.ir.models) {
      if (groupOf(model.source)) continue;
      const candidates = [...(known.get(baseOf(model.source)) ?? [])];
      const fits = candidates.length === 1 ? candidates : candidates.filter((id) => shapesOf(id, c.name).has(shapeOf(model)));
      if (fits.length === 1) m.set(model.source, fits[0]!);
    }
  }
  const holders = () => {
    const h = new Map<string, number>();
    for (const m of ids.values()) for (const id of new Set(m.values())) h.set(id, (h.get(id) ?? 0) + 1);
    return h;
  };
  // 2. Through links and union members, then by shape under a shortened name, until nothing changes.
  for (let round = 0; round < 20; round++) {
    const held = holders();
    const lonely = (corpus: string, source: string) => {
      const id = ids.get(corpus)!.get(source);
      return id === undefined || held.get(id) === 1;
    };
    const partnerId = (corpus: string, source: string) => {
      const id = ids.get(corpus)!.get(source);
      return id === undefined || held.get(id) === 1 ? undefined : id;
    };
    // votes: corpus -> source -> id -> count
    const votes = new Map<string, Map<string, Map<string, number>>>();
    const vote = (corpus: string, source: string, id: string) => {
      let bySrc = votes.get(corpus);
      if (!bySrc) votes.set(corpus, (bySrc = new Map()));
      let byId = bySrc.get(source);
      if (!byId) bySrc.set(source, (byId = new Map()));
      byId.set(id, (byId.get(id) ?? 0) + 1);
    };
    for (const perCorpus of fieldIndex(corpora, ids).values()) {
      for (const [corpus, type] of perCorpus) {
        for (const [path, target] of refPositions(type)) {
          if (!lonely(corpus, target)) continue;
          for (const [other, otherType] of perCorpus) {
            if (other === corpus) continue;
            const hit = refPositions(otherType).find(([p]) => p === path);
            const id = hit && partnerId(other, hit[1]);
            if (id) vote(corpus, target, id);
          }
        }
      }
    }
    // Members of matched unions: a lonely member takes the partner member of the same shape.
    const unions = new Map<string, [string, Model][]>();
    for (const c of corpora) {
      for (const model of c.ir.models) {
        const id = partnerId(c.name, model.source);
        if (model.kind !== "union" || !id) continue;
        let list = unions.get(id);
        if (!list) unions.set(id, (list = []));
        list.push([c.name, model]);
      }
    }
    for (const list of unions.values()) {
      for (const [corpus, model] of list) {
        for (const member of model.members ?? []) {
          if (member.kind !== "ref" || !lonely(corpus, member.target)) continue;
          const mine = bySource.get(corpus)!.get(member.target);
          if (!mine) continue;
          for (const [other, otherModel] of list) {
            if (other === corpus) continue;
            const fits = (otherModel.members ?? []).filter((x) => {
              const m = x.kind === "ref" ? bySource.get(other)!.get(x.target) : undefined;
              return m !== undefined && shapeOf(m) === shapeOf(mine) && partnerId(other, m.source) !== undefined;
            });
            if (fits.length === 1 && fits[0]!.kind === "ref") vote(corpus, member.target, partnerId(other, fits[0]!.target)!);
          }
        }
      }
    }
    let changed = false;
    for (const [corpus, bySrc] of votes) {
      const m = ids.get(corpus)!;
      const taken = new Set(m.values());
      for (const [source, byId] of [...bySrc].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const ranked = [...byId].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
        const [id] = ranked[0]!;
        if (taken.has(id)) continue;
        m.set(source, id);
        byLink.get(corpus)!.set(source, id);
        taken.add(id);
        changed = true;
      }
    }
    if (changed) continue;
    // A lonely model whose name is a partner's with words inserted in the middle
    // (`createapikeyapikeysresponseresponsebody` for `createapikeyresponsebody`), of that
    // partner's shape, in its folder group: the only such partner.
    const free = [...holders()].filter(([, n]) => n >= 1).map(([id]) => id);
    for (const c of corpora) {
      const m = ids.get(c.name)!;
      const taken = new Set(m.values());
      for (const model of c.ir.models) {
        if (!lonely(c.name, model.source)) continue;
        const base = baseOf(model.source);
        const g = groupOf(model.source);
        const fits = free.filter((id) => {
          if (taken.has(id)) return false;
          const [ig, ib] = id.split("/") as [string, string];
          if ((g && ig !== g) || ib.length >= base.length) return false;
          const cut = [...Array(ib.length + 1).keys()].some((i) => i > 0 && i < ib.length && base.startsWith(ib.slice(0, i)) && base.endsWith(ib.slice(i)));
          return cut && shapesOf(id, c.name).has(shapeOf(model));
        });
        if (fits.length !== 1) continue;
        m.set(model.source, fits[0]!);
        byLink.get(c.name)!.set(model.source, fits[0]!);
        taken.add(fits[0]!);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const held = holders();
  const unmatched = new Map<string, string[]>();
  for (const c of corpora) {
    const m = ids.get(c.name)!;
    unmatched.set(
      c.name,
      c.ir.models.filter((model) => (held.get(m.get(model.source) ?? "") ?? 0) < 2).map((model) => model.source),
    );
  }
  return { ids, byLink, unmatched };
}

/** `[path, target]` for every ref reachable through arrays, maps and one-ref unions. */
function refPositions(t: TypeRef, path = ""): [string, string][] {
  switch (t.kind) {
    case "ref":
      return [[path, t.target]];
    case "array":
      return refPositions(t.items, `${path}[]`);
    case "map":
      return refPositions(t.values, `${path}{}`);
    case "union": {
      const members = t.members.filter((m) => m.kind !== "null" && !(m.kind === "literal" && m.value === null));
      return members.length === 1 ? refPositions(members[0]!, path) : [];
    }
    default:
      return [];
  }
}

/** The folded name a field is matched by. */
export function fieldKey(model: Model, name: string): string {
  const f = fold(name);
  const own = fold(model.title.replace(/~/g, ""));
  return f === `${own}value` ? own : f;
}

/** `id.field` -> corpus -> raw IR type, over matched object models. */
function fieldIndex(corpora: readonly Corpus[], ids: Map<string, Map<string, string>>): Map<string, Map<string, TypeRef>> {
  const index = new Map<string, Map<string, TypeRef>>();
  for (const c of corpora) {
    const m = ids.get(c.name)!;
    for (const model of c.ir.models) {
      const id = m.get(model.source);
      if (id === undefined || model.kind !== "object") continue;
      for (const f of model.fields ?? []) {
        const key = `${id}.${fieldKey(model, f.name)}`;
        let per = index.get(key);
        if (!per) index.set(key, (per = new Map()));
        per.set(c.name, f.type);
      }
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Canonical types.

export function canonical(t: TypeRef, corpus: string, matching: Matching, bySource: ReadonlyMap<string, Model>): CType {
  const inner = (x: TypeRef) => canonical(x, corpus, matching, bySource);
  switch (t.kind) {
    case "array":
      return { kind: "array", items: inner(t.items) };
    case "map":
      return { kind: "map", values: inner(t.values) };
    case "ref": {
      const target = bySource.get(t.target);
      // A free-form object (an empty Fields table) is what other docs write as a map of any.
      if (target?.kind === "object" && (target.fields ?? []).length === 0 && !target.additionalProperties) {
        return { kind: "map", values: { kind: "scalar", name: "any" } };
      }
      const id = matching.ids.get(corpus)!.get(t.target) ?? `${corpus}:${t.target}`;
      return { kind: "ref", id, enum: target?.kind === "enum" };
    }
    case "union": {
      const members = t.members.filter((m) => m.kind !== "null" && !(m.kind === "literal" && m.value === null)).map(inner);
      const unique = [...new Map(members.map((m) => [show(m), m])).values()].sort((a, b) => (show(a) < show(b) ? -1 : 1));
      return unique.length === 1 ? unique[0]! : { kind: "union", members: unique };
    }
    case "literal":
      return { kind: "literal", value: t.value };
    case "external":
      return { kind: "scalar", name: "external" };
    default:
      return { kind: "scalar", name: t.kind };
  }
}

/** The compact form: `array<ref:components/x>`, `enum:components/status`, `date|datetime`. */
export function show(t: CType): string {
  switch (t.kind) {
    case "scalar":
      return t.name;
    case "literal":
      return JSON.stringify(t.value);
    case "array":
      return `array<${show(t.items)}>`;
    case "map":
      return `map<${show(t.values)}>`;
    case "ref":
      return `${t.enum ? "enum" : "ref"}:${t.id}`;
    case "union":
      return t.members.map(show).join("|");
  }
}

/**
 * Why `wide` accepts everything `narrow` does while saying less, or undefined when it does not
 * (or when the two are equal): the fact that `narrow` carries and `wide` lacks.
 */
export function lacks(wide: CType, narrow: CType): string | undefined {
  if (show(wide) === show(narrow)) return undefined;
  if (wide.kind === "scalar" && wide.name === "any") return "any (the doc names no type)";
  if (wide.kind === "array" && narrow.kind === "array") return lacks(wide.items, narrow.items);
  if (wide.kind === "map" && narrow.kind === "map") return lacks(wide.values, narrow.values);
  if (wide.kind === "scalar" && wide.name === "string" && narrow.kind === "scalar" && (narrow.name === "date" || narrow.name === "datetime")) {
    return "string for a date";
  }
  if (wide.kind === "scalar" && wide.name === "number" && narrow.kind === "scalar" && narrow.name === "integer") return "number for an integer";
  if (wide.kind === "scalar" && wide.name === "string" && narrow.kind === "scalar" && narrow.name === "binary") return "string for binary content";
  if (wide.kind === "scalar" && wide.name === "string" && narrow.kind === "ref" && narrow.enum) return "string for an enum";
  if (wide.kind === "scalar" && narrow.kind === "literal" && wide.name === (typeof narrow.value === "number" ? "number" : typeof narrow.value)) {
    return `${wide.name} for the constant ${JSON.stringify(narrow.value)}`;
  }
  if (wide.kind === "union") {
    const dates = wide.members.map(show).join("|") === "date|datetime";
    if (dates && narrow.kind === "scalar" && (narrow.name === "date" || narrow.name === "datetime")) return "date or date-time";
    if (wide.members.some((m) => show(m) === show(narrow))) return `a union holding it (${show(wide)})`;
    if (narrow.kind === "union" && narrow.members.every((n) => wide.members.some((m) => show(m) === show(n)))) return `a wider union (${show(wide)})`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Comparison.

/**
 * same: equal forms. renamed: the forms differ only in the names of linked models that have the
 * same shape (a naming variant: one schema, or two identical schemas, named apart by the SDKs; or
 * a union written inline in one doc and as a linked union doc in the other). lacks / adds: the
 * subject's type accepts more / less than the consensus's while agreeing with it (one side
 * carries a fact the other lacks: a date's kind, an enum, a constant). differs: anything else.
 */
export type TypeVerdict = "same" | "renamed" | "lacks" | "adds" | "differs";

export interface FieldRow {
  corpus: string;
  /** `id.field` (folded). */
  key: string;
  type: string;
  consensusType: string;
  typeVerdict: TypeVerdict;
  /** For lacks/adds: the fact one side carries. */
  fact?: string;
  required: boolean;
  /** Majority of the others; undefined on a tie. */
  consensusRequired: boolean | undefined;
  nullable: boolean;
  /**
   * Majority of the others whose docs show nullability for this field (see `ShowsNull`);
   * undefined when the subject's docs do not show it, or no other's do, or on a tie.
   */
  consensusNullable: boolean | undefined;
  others: number;
}

/** Whether a corpus's docs say if a field (required or not, of this type) may be null. */
export type ShowsNull = (corpus: string, required: boolean, type: CType) => boolean;

export interface EnumRow {
  corpus: string;
  id: string;
  values: string[];
  consensus: string[];
  same: boolean;
}

export interface DialectSummary {
  corpus: string;
  models: number;
  matchedModels: number;
  unmatchedModels: number;
  fields: number;
  matchedFields: number;
  typeSame: number;
  typeRenamed: number;
  typeLacks: number;
  typeAdds: number;
  typeDiffers: number;
  requiredSame: number;
  requiredDiffers: number;
  nullableCompared: number;
  nullableSame: number;
  enums: number;
  enumsSame: number;
}

export interface Agreement {
  matching: Matching;
  rows: FieldRow[];
  enums: EnumRow[];
  summaries: DialectSummary[];
}

interface Entry {
  corpus: string;
  model: Model;
  raw: TypeRef;
  type: CType;
  required: boolean;
  nullable: boolean;
}

/**
 * Each of `subjects` against the consensus of the others among `peers` (a subject that is not a
 * peer, like the older Sorbet docs, is compared with the consensus of all peers). The consensus
 * is the form most of the others give; on a tie, the most precise of the tied forms (one the
 * others' forms accept), then the first in sort order.
 */
export function compare(peers: readonly Corpus[], subjects: readonly Corpus[], showsNull: ShowsNull = () => false): Agreement {
  const all = [...peers, ...subjects.filter((s) => !peers.includes(s))];
  const matching = matchModels(all);
  const entries = new Map<string, Entry[]>(); // id.field -> entries
  const enumValues = new Map<string, Map<string, string[]>>(); // id -> corpus -> values
  for (const c of all) {
    const bySource = new Map(c.ir.models.map((m) => [m.source, m]));
    const m = matching.ids.get(c.name)!;
    for (const model of c.ir.models) {
      const id = m.get(model.source);
      if (id === undefined) continue;
      if (model.kind === "enum") {
        let per = enumValues.get(id);
        if (!per) enumValues.set(id, (per = new Map()));
        per.set(c.name, (model.values ?? []).map((v) => String(v.value)).sort());
      }
      if (model.kind !== "object") continue;
      for (const f of model.fields ?? []) {
        const key = `${id}.${fieldKey(model, f.name)}`;
        let list = entries.get(key);
        if (!list) entries.set(key, (list = []));
        list.push({ corpus: c.name, model, raw: f.type, type: canonical(f.type, c.name, matching, bySource), required: f.required, nullable: f.nullable });
      }
    }
  }
  const peerNames = new Set(peers.map((p) => p.name));
  const sources = new Map(all.map((c) => [c.name, new Map(c.ir.models.map((m) => [m.source, m]))]));
  const same = sameShape(sources, matching);
  const rows: FieldRow[] = [];
  for (const [key, list] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const e of list) {
      if (!subjects.some((s) => s.name === e.corpus)) continue;
      const others = list.filter((o) => o.corpus !== e.corpus && peerNames.has(o.corpus));
      if (others.length === 0) continue;
      const consensusType = consensusOf(others.map((o) => o.type));
      const type = show(e.type);
      let typeVerdict: TypeVerdict = "same";
      let fact: string | undefined;
      const holder = others.find((o) => show(o.type) === show(consensusType))!;
      if (type !== show(consensusType) && same([e.corpus, e.raw], [holder.corpus, holder.raw], 0)) typeVerdict = "renamed";
      else if (type !== show(consensusType)) {
        const lost = lacks(e.type, consensusType);
        const added = lost ? undefined : lacks(consensusType, e.type);
        typeVerdict = lost ? "lacks" : added ? "adds" : "differs";
        fact = lost ?? added;
      }
      const req = others.filter((o) => o.required).length;
      const consensusRequired = req * 2 === others.length ? undefined : req * 2 > others.length;
      const shown = others.filter((o) => showsNull(o.corpus, o.required, o.type));
      const nul = shown.filter((o) => o.nullable).length;
      const consensusNullable = !showsNull(e.corpus, e.required, e.type) || shown.length === 0 || nul * 2 === shown.length ? undefined : nul * 2 > shown.length;
      rows.push({
        corpus: e.corpus,
        key,
        type,
        consensusType: show(consensusType),
        typeVerdict,
        ...(fact ? { fact } : {}),
        required: e.required,
        consensusRequired,
        nullable: e.nullable,
        consensusNullable,
        others: others.length,
      });
    }
  }
  const enums: EnumRow[] = [];
  for (const [id, per] of [...enumValues].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [corpus, values] of per) {
      if (!subjects.some((s) => s.name === corpus)) continue;
      const others = [...per].filter(([o]) => o !== corpus && peerNames.has(o)).map(([, v]) => v.join(","));
      if (others.length === 0) continue;
      const consensus = majority(others);
      enums.push({ corpus, id, values, consensus: consensus === "" ? [] : consensus.split(","), same: values.join(",") === consensus });
    }
  }
  const summaries = subjects.map((s): DialectSummary => {
    const mine = rows.filter((r) => r.corpus === s.name);
    const unmatched = matching.unmatched.get(s.name)!.length;
    return {
      corpus: s.name,
      models: s.ir.models.length,
      matchedModels: s.ir.models.length - unmatched,
      unmatchedModels: unmatched,
      fields: s.ir.models.reduce((n, m) => n + (m.fields?.length ?? 0), 0),
      matchedFields: mine.length,
      typeSame: mine.filter((r) => r.typeVerdict === "same").length,
      typeRenamed: mine.filter((r) => r.typeVerdict === "renamed").length,
      typeLacks: mine.filter((r) => r.typeVerdict === "lacks").length,
      typeAdds: mine.filter((r) => r.typeVerdict === "adds").length,
      typeDiffers: mine.filter((r) => r.typeVerdict === "differs").length,
      requiredSame: mine.filter((r) => r.required === r.consensusRequired).length,
      requiredDiffers: mine.filter((r) => r.required !== r.consensusRequired).length,
      nullableCompared: mine.filter((r) => r.consensusNullable !== undefined).length,
      nullableSame: mine.filter((r) => r.consensusNullable !== undefined && r.nullable === r.consensusNullable).length,
      enums: enums.filter((e) => e.corpus === s.name).length,
      enumsSame: enums.filter((e) => e.corpus === s.name && e.same).length,
    };
  });
  return { matching, rows, enums, summaries };
}

function majority(forms: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
}

function consensusOf(types: readonly CType[]): CType {
  const counts = new Map<string, { t: CType; n: number }>();
  for (const t of types) {
    const k = show(t);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { t, n: 1 });
  }
  const top = Math.max(...[...counts.values()].map((c) => c.n));
  const tied = [...counts].filter(([, c]) => c.n === top).sort(([a], [b]) => (a < b ? -1 : 1));
  const precise = tied.find(([, c]) => tied.every(([, o]) => o === c || lacks(o.t, c.t) !== undefined));
  return (precise ?? tied[0]!)[1].t;
}

type Located = [corpus: string, type: TypeRef];

/**
 * Whether two types (each in its own corpus) are one type up to the names of linked models:
 * linked objects with the same folded field names, enums with the same values, unions whose
 * members pair up; an inline union is one with a linked union doc of the same members. Models
 * matched to one id are the same whatever their fields (their fields are compared on their own).
 */
function sameShape(sources: ReadonlyMap<string, ReadonlyMap<string, Model>>, matching: Matching) {
  const id = ([c, t]: Located) => (t.kind === "ref" ? matching.ids.get(c)!.get(t.target) : undefined);
  const model = ([c, t]: Located) => (t.kind === "ref" ? sources.get(c)!.get(t.target) : undefined);
  const members = (l: Located): Located[] | undefined => {
    const [c, t] = l;
    const strip = (ms: TypeRef[]) => ms.filter((m) => m.kind !== "null" && !(m.kind === "literal" && m.value === null));
    if (t.kind === "union") return strip(t.members).map((m) => [c, m]);
    const m = model(l);
    return m?.kind === "union" ? strip(m.members ?? []).map((x) => [c, x]) : undefined;
  };
  const same = (a: Located, b: Located, depth: number): boolean => {
    if (depth > 3) return false;
    const [, x] = a;
    const [, y] = b;
    if (x.kind === "array" && y.kind === "array") return same([a[0], x.items], [b[0], y.items], depth);
    if (x.kind === "map" && y.kind === "map") return same([a[0], x.values], [b[0], y.values], depth);
    if (id(a) !== undefined && id(a) === id(b)) return true;
    const ma = model(a);
    const mb = model(b);
    if (ma && mb && ma.kind === mb.kind && ma.kind !== "union") {
      if (ma.kind === "enum") return key((ma.values ?? []).map((v) => String(v.value))) === key((mb.values ?? []).map((v) => String(v.value)));
      return key((ma.fields ?? []).map((f) => fieldKey(ma, f.name))) === key((mb.fields ?? []).map((f) => fieldKey(mb, f.name)));
    }
    const ua = members(a);
    const ub = members(b);
    if (ua && ub && ua.length === ub.length) {
      const left = [...ub];
      for (const m of ua) {
        const i = left.findIndex((n) => same(m, n, depth + 1));
        if (i < 0) return false;
        left.splice(i, 1);
      }
      return true;
    }
    return false;
  };
  return same;
}

function key(names: readonly string[]): string {
  return [...names].sort().join(",");
}
