// Equal tuples get equal small integers, without a key string per tuple. Grouping the
// 10,000 hooks of a large node by joined signature strings meant building, flattening and
// hashing a long string per hook; here each atom is one Map step, and the atoms (names,
// vendor ids, shared verdict texts) are strings whose hashes V8 already holds.
//
// Atoms are compared with SameValueZero (Map keys): 1 and "1", null and "null" differ.

type Atom = string | number | boolean | null | symbol;

class Trie {
  /** Made with the first child: most nodes are the ends of tuples and have none. */
  next: Map<Atom, Trie> | null = null;
  id = -1;
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
    const child = t.next?.get(atom);
    if (child !== undefined) this.at = child;
    else if (this.readOnly) this.at = null;
    else {
      const c = new Trie();
      (t.next ??= new Map()).set(atom, c);
      this.at = c;
    }
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
