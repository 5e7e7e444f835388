import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  IdentifierNode,
  JoinNode,
  OnConflictNode,
  OnNode,
  OperationNodeTransformer,
  OperatorNode,
  ParensNode,
  PrimitiveValueListNode,
  ReferenceNode,
  TableNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  WhereNode,
  sql,
  type DeleteQueryNode,
  type InsertQueryNode,
  type Kysely,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type SelectQueryNode,
  type Transaction,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';
import type { Database } from './schema';

/**
 * Organisations (issue 15): every table that holds an organisation's data carries `organization_id`, and every query
 * the API runs for a request goes through `forOrganization(root, id)`, whose plugin scopes it — in this one place,
 * not a `where` repeated in each query:
 * - SELECT / UPDATE / DELETE: each of these tables it names (FROM, JOIN, USING, UPDATE … FROM; subqueries and CTEs
 *   too, since the transformer walks the whole tree) gets `alias.organization_id = ?` — in the WHERE for the tables
 *   of the FROM, in the ON of its join for a joined one (so a LEFT JOIN stays a left join);
 * - INSERT: the organisation's id is written in `organization_id` of every row (a query that sets it itself is
 *   refused), and an ON CONFLICT target that is unique per organisation gets `organization_id` in front.
 * Raw SQL (`sql\`…\``) is not transformed: a raw query on these tables adds `orgScope(db, alias)` itself (the test
 * tests/unit/org-scope.test.ts fails on one that does not).
 * The tables left global are the installation's: organizations, sessions, login_attempts, rate_counters.
 */
export const organizationTables: ReadonlySet<keyof Database> = new Set<keyof Database>([
  'users',
  'forums',
  'forum_questions',
  'areas',
  'settings',
  'audit_log',
  'forum_metrics',
  'consultations',
  'consultation_topics',
  'consultation_responses',
  'reports',
  'report_sections',
  'section_revisions',
  'section_comments',
  'report_removed_forums',
  'report_removed_sections',
  'consultation_pending_imports',
  'evaluation_responses',
  'commitments',
  'commitment_follow_ups',
  'publication_settings',
  'published_reports',
  'citizen_questions',
  'organization_logos',
  'chart_images',
]);

/** The organisation every existing installation's data became (migration 0024), the demo's and the bootstrap admin's. */
export const firstOrganizationId = 1;

/**
 * ON CONFLICT targets that are unique across the installation (ids are global): kept as they are. Any other target
 * on an organisation's table is one of the per-organisation unique keys (settings key, report year…), whose index
 * starts with organization_id since 0024.
 */
const globalConflictTargets: Record<string, string[]> = { forum_metrics: ['forum_id'], users: ['username'] };

/** Stands for the organisation's id while a compiled query's SQL is built once (compiled-query.ts); never executed. */
export class OrganizationSlot {
  readonly organizationSlot = true;
}

type AnyDb = Kysely<Database> | Transaction<Database>;

const tableName = (node: OperationNode): { table: string; ref: string } | null => {
  if (TableNode.is(node)) return { table: node.table.identifier.name, ref: node.table.identifier.name };
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) return { table: node.node.table.identifier.name, ref: node.alias.name };
  return null;
};

const isOrganizationTable = (name: string) => organizationTables.has(name as keyof Database);

class ScopeTransformer extends OperationNodeTransformer {
  constructor(private readonly organizationId: number | OrganizationSlot) {
    super();
  }

  private condition(ref: string): OperationNode {
    return BinaryOperationNode.create(ReferenceNode.create(ColumnNode.create('organization_id'), TableNode.create(ref)), OperatorNode.create('='), ValueNode.create(this.organizationId));
  }

  /** `(existing) and condition`: the parentheses keep a raw `a or b` where from swallowing the scope. */
  private static and(existing: OperationNode | undefined, condition: OperationNode): OperationNode {
    return existing ? AndNode.create(ParensNode.create(existing), condition) : condition;
  }

  private scopeWhere<T extends { where?: WhereNode }>(node: T, tables: readonly OperationNode[]): T {
    let where = node.where?.where;
    for (const table of tables) {
      const named = tableName(table);
      if (named && isOrganizationTable(named.table)) where = ScopeTransformer.and(where, this.condition(named.ref));
    }
    return where === node.where?.where ? node : { ...node, where: WhereNode.create(where!) };
  }

  private scopeJoins<T extends { joins?: readonly JoinNode[]; where?: WhereNode }>(node: T): T {
    if (!node.joins) return node;
    let result = node;
    const joins = node.joins.map((join) => {
      const named = tableName(join.table);
      if (!named || !isOrganizationTable(named.table)) return join;
      if (!join.on) {
        result = this.scopeWhere(result, [join.table]);
        return join;
      }
      return { ...join, on: OnNode.create(ScopeTransformer.and(join.on.on, this.condition(named.ref))) };
    });
    return { ...result, joins };
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    const base = super.transformSelectQuery(node, queryId);
    return this.scopeJoins(this.scopeWhere(base, base.from?.froms ?? []));
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: QueryId): UpdateQueryNode {
    const base = super.transformUpdateQuery(node, queryId);
    const tables = [...(base.table ? [base.table] : []), ...(base.from?.froms ?? [])];
    return this.scopeJoins(this.scopeWhere(base, tables));
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: QueryId): DeleteQueryNode {
    const base = super.transformDeleteQuery(node, queryId);
    const tables = [...base.from.froms, ...(base.using?.tables ?? [])];
    return this.scopeJoins(this.scopeWhere(base, tables));
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: QueryId): InsertQueryNode {
    const base = super.transformInsertQuery(node, queryId);
    const table = base.into?.table.identifier.name;
    if (!table || !isOrganizationTable(table)) return base;
    const columns = base.columns ?? [];
    if (columns.some((c) => c.column.name === 'organization_id')) throw new Error(`org-scope: una inserción en ${table} con alcance de organización no fija organization_id por sí misma.`);
    if (!base.values || !ValuesNode.is(base.values)) throw new Error(`org-scope: inserción en ${table} sin VALUES (no soportada con alcance de organización).`);
    const values = ValuesNode.create(
      base.values.values.map((row) =>
        PrimitiveValueListNode.is(row) ? PrimitiveValueListNode.create([...row.values, this.organizationId]) : ValueListNode.create([...row.values, ValueNode.create(this.organizationId)]),
      ),
    );
    let onConflict = base.onConflict;
    if (onConflict?.columns) {
      const target = onConflict.columns.map((c) => c.column.name);
      const global = target.length === 1 && target[0] === 'id' ? true : (globalConflictTargets[table] ?? []).join() === target.join();
      if (!global) onConflict = OnConflictNode.cloneWith(onConflict, { columns: [ColumnNode.create('organization_id'), ...onConflict.columns] });
    }
    return { ...base, columns: [...columns, ColumnNode.create('organization_id')], values, ...(onConflict ? { onConflict } : {}) };
  }
}

/** The plugin of `forOrganization`: scopes every query built through the database it is on. */
export class OrganizationScope implements KyselyPlugin {
  readonly #transformer: ScopeTransformer;

  constructor(readonly organizationId: number | OrganizationSlot) {
    this.#transformer = new ScopeTransformer(organizationId);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node as OperationNode) as RootOperationNode;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The scope plugin a database (or transaction) carries, or null for the installation's root database. */
export function organizationScopeOf(db: AnyDb): OrganizationScope | null {
  const plugin = db.getExecutor().plugins.find((p) => p instanceof OrganizationScope);
  return (plugin as OrganizationScope | undefined) ?? null;
}

/** The organisation a database is scoped to, or null for the root database. */
export function organizationOf(db: AnyDb): number | null {
  const id = organizationScopeOf(db)?.organizationId;
  return typeof id === 'number' ? id : null;
}

/**
 * The database as organisation `organizationId` sees it: every query built through it (and its transactions) reads
 * and writes only that organisation's rows. Scoping an already scoped database to another organisation is a bug.
 */
export function forOrganization<D extends AnyDb>(db: D, organizationId: number): D {
  if (!Number.isSafeInteger(organizationId) || organizationId < 1) throw new Error(`org-scope: organización no válida (${organizationId}).`);
  const current = organizationScopeOf(db);
  if (current) {
    if (current.organizationId === organizationId) return db;
    throw new Error('org-scope: esta base de datos ya tiene el alcance de otra organización.');
  }
  return db.withPlugin(new OrganizationScope(organizationId)) as D;
}

/**
 * The same database with its scope's id replaced by a slot (compiled-query.ts compiles a query's SQL once per
 * shape; the organisation is then a parameter filled in per run, never a value baked into the cached query).
 */
export function withOrganizationSlot(db: AnyDb, slot: OrganizationSlot): AnyDb {
  let result = db.withoutPlugins() as AnyDb;
  for (const plugin of db.getExecutor().plugins) result = result.withPlugin(plugin instanceof OrganizationScope ? new OrganizationScope(slot) : plugin) as AnyDb;
  return result;
}

/**
 * For raw SQL on an organisation's table: `alias.organization_id = ?` on a scoped database, `1 = 1` on the root
 * database (the installation's own jobs see every organisation). Every raw query on these tables carries it.
 */
export function orgScope(db: AnyDb, alias: string): RawBuilder<boolean> {
  const scope = organizationScopeOf(db);
  if (!scope) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(`${alias}.organization_id`)} = ${scope.organizationId}`;
}

/**
 * The same database or transaction without its organisation's scope: for the few reads above organisations inside a
 * scoped change (a username is unique across the installation). Inside a transaction use this, never the root
 * database: SQLite has one connection, which the transaction holds.
 */
export function unscoped<D extends AnyDb>(db: D): D {
  if (!organizationScopeOf(db)) return db;
  let result = db.withoutPlugins() as AnyDb;
  for (const plugin of db.getExecutor().plugins) if (!(plugin instanceof OrganizationScope)) result = result.withPlugin(plugin) as AnyDb;
  return result as D;
}

/** For a raw INSERT into an organisation's table: the id its rows get (the first organisation's on the root database, as the column's default). */
export function organizationIdOf(db: AnyDb): number {
  return organizationOf(db) ?? firstOrganizationId;
}
