import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders, createQueryClient } from '../../src/client/app/providers';
import { ApiError } from '../../src/client/lib/http';
import { MappedImport } from '../../src/client/ui/mapped-import/mapped-import';
import type { ImportBody } from '../../src/client/ui/mapped-import/read-export';
import { useMappedImport } from '../../src/client/ui/mapped-import/use-mapped-import';

type Role = 'id' | 'progress' | 'ignore';
const roles = ['id', 'progress', 'ignore'] as const;
const labels: Record<Role, string> = { id: 'Número', progress: 'Avance', ignore: 'No importar' };

interface Result {
  accepted: number;
}

async function bodyOf(body: ImportBody): Promise<{ header: string[]; rows: string[][]; mapping: Record<string, Role>; kind: string }> {
  const text = body instanceof Blob ? await body.text() : new TextDecoder().decode(body);
  return JSON.parse(text);
}

function Harness({ saved }: { saved: unknown[] }) {
  const importer = useMappedImport<Role, Result>({
    roles,
    ignoreRole: 'ignore',
    suggest: (header) => Object.fromEntries(header.map((h) => [h, h === 'id' ? 'id' : 'ignore'])),
    rememberKey: 'test:mapped-import',
    choices: { kind: 'prueba' },
    dryRun: async (body) => {
      const parsed = await bodyOf(body);
      const bad = parsed.rows.findIndex((row) => row[1] === 'x');
      if (bad >= 0)
        throw new ApiError(422, 'El archivo tiene 1 fila con problemas: no se guardó nada.', undefined, [], {
          rowIssues: [{ row: bad + 2, column: 'avance', message: 'El avance debe ser un número de 0 a 100.' }],
        });
      return { accepted: parsed.rows.length };
    },
    commit: async (body) => {
      const parsed = await bodyOf(body);
      saved.push(parsed);
      return { accepted: parsed.rows.length };
    },
  });
  return (
    <MappedImport
      importer={importer}
      title="Importar avances"
      hint="CSV con número y avance."
      roles={roles}
      ignoreRole="ignore"
      roleLabel={(role) => labels[role]}
      renderPreview={(result) => <p>Se actualizarán {result.accepted} filas.</p>}
      canConfirm={(result) => result.accepted > 0}
      rowsToSave={(result) => result.accepted}
      doneText={(result, name) => `Se guardaron ${result.accepted} filas de ${name}.`}
    />
  );
}

describe('the shared mapped import (file → mapping → dry run → confirm)', () => {
  it('reads the file, maps columns (suggested by header), lists a 422 row by row, and confirms only a clean file', async () => {
    const saved: unknown[] = [];
    render(
      <AppProviders queryClient={createQueryClient()}>
        <Harness saved={saved} />
      </AppProviders>,
    );
    const input = screen.getByLabelText('Elegir archivo CSV o XLSX') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([''], 'vacio.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText(/vacio\.csv: El archivo está vacío\./)).toBeInTheDocument();

    fireEvent.change(input, { target: { files: [new File(['id,avance\n1,x\n2,50\n'], 'malo.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('malo.csv: 2 filas leídas.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Contenido de la columna «id»' })).toHaveValue('Número');
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('El archivo tiene filas con problemas')).toBeInTheDocument();
    expect(screen.getByText('Fila 2 (avance): El avance debe ser un número de 0 a 100.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirmar importación' })).not.toBeInTheDocument();

    fireEvent.change(input, { target: { files: [new File(['id,avance\n1,20\n2,50\n'], 'bueno.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('bueno.csv: 2 filas leídas.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Se actualizarán 2 filas.')).toBeInTheDocument();
    expect(saved).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se guardaron 2 filas de bueno.csv.')).toBeInTheDocument();
    expect(saved).toEqual([{ header: ['id', 'avance'], rows: [['1', '20'], ['2', '50']], mapping: { id: 'id', avance: 'ignore' }, kind: 'prueba' }]);
    expect(window.localStorage.getItem('test:mapped-import')).toContain('"id":"id"');
  });
});
