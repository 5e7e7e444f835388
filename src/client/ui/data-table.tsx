import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { WideTable } from './wide-table';

export interface DataTableColumn {
  label: string;
  numeric?: boolean;
}

export interface DataTableRow {
  key: string | number;
  /** The first cell heads its row. */
  cells: ReactNode[];
}

interface DataTableProps {
  caption: string;
  columns: DataTableColumn[];
  rows: DataTableRow[];
  minWidth: number;
  /** Scrolls within this height, its header kept in view. */
  maxHeight?: number;
}

/**
 * A table of figures with its caption: each row headed by its first cell, numeric columns right-aligned. A
 * chart's «Ver datos como tabla» (`ChartFrame`) and the consultation's count tables.
 */
export function DataTable({ caption, columns, rows, minWidth, maxHeight }: DataTableProps) {
  return (
    <WideTable label={caption} minWidth={minWidth} maxHeight={maxHeight}>
      <Table striped withTableBorder verticalSpacing="xs" stickyHeader={maxHeight !== undefined}>
        <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} scope="col" ta={column.numeric ? 'right' : undefined}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={500}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} ta={columns[i]?.numeric ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
