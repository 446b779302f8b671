// Equal tuples get equal small integers, without a key string per tuple. Grouping the
// 10,000 hooks of a large node by joined signature strings meant building, flattening and
// hashing a long string per hook; here each atom is one Map step, and the atoms (names,
// vendor ids, shared verdict texts) are strings whose hashes V8 already holds.
//
// Atoms are compared with SameValueZero (Map keys): 1 and "1", null and "null" differ.

type Atom = string | number | boolean | null | symbol;

class Trie {
  /** The first child is held inline (most nodes have one or none: a Map each was most of
   *  what grouping allocated); a Map holds the others. */
  firstAtom: Atom | undefined = undefined;
  first: Trie | null = null;
  next: Map<Atom, Trie> | null = null;
  id = -1;

  child(atom: Atom): Trie | undefined {
    // SameValueZero, as Map keys compare: NaN is NaN, 0 is -0.
    const f = this.firstAtom;
    if (this.first !== null && (f === atom || (f !== f && atom !== atom))) return this.first;
    return this.next?.get(atom);
  }

  addChild(atom: Atom): Trie {
    const c = new Trie();
    if (this.first === null) {
      this.firstAtom = atom;
      this.first = c;
    } else (this.next ??= new Map()).set(atom, c);
    return c;
  }
}

export class TupleIds {
  private readonly root = new Trie();
  private count = 0;
  /** Where the tuple read so far ends; null once find() has left the known tuples. */
  private at: Trie | null = this.root;
  /** Set by find(): unknown atoms end the walk instead of growing the trie. */
  private readOnly = false;

  /** Starts a tuple that gets an id (new or known). */
  begin(): this {
    this.at = this.root;
    this.readOnly = false;
    return this;
  }

  /** Starts a tuple that is only looked up: id() gives -1 when it was never seen. */
  find(): this {
    this.at = this.root;
    this.readOnly = true;
    return this;
  }

  add(atom: Atom): this {
    const t = this.at;
    if (t === null) return this;
    const child = t.child(atom);
    if (child !== undefined) this.at = child;
    else this.at = this.readOnly ? null : t.addChild(atom);
    return this;
  }

  /** The tuple's id: 0, 1, 2... in first-seen order; -1 from find() for an unseen tuple. */
  id(): number {
    const t = this.at;
    if (t === null) return -1;
    if (t.id < 0 && !this.readOnly) t.id = this.count++;
    return t.id;
  }
}
