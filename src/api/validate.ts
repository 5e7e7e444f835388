import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpProblem, invalid } from './problem';

/** Reads a JSON body and validates it; throws a Spanish 4xx problem for anything else. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpProblem(415, 'El cuerpo de la petición debe ser JSON (Content-Type: application/json).');
  }
  const raw = await c.req.text();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new HttpProblem(400, 'El cuerpo de la petición no es JSON válido.');
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (value !== '') params[key] = value;
  }
  const result = schema.safeParse(params);
  if (!result.success) throw invalid(result.error, 'Los parámetros de la consulta no son válidos.');
  return result.data;
}

export function readParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.param(name));
  if (!result.success) throw new HttpProblem(404, 'No existe un registro con ese identificador.', { detail: result.error.issues[0]?.message });
  return result.data;
}
