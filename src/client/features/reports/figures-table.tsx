import { Table } from '@mantine/core';

/** A generated section's figures: one row per figure, its label as the row header and its value right-aligned. */
export function FiguresTable({ caption, header, rows }: { caption: string; header: readonly [string, string]; rows: { label: string; value: string }[] }) {
  return (
    <Table withTableBorder striped captionSide="top" fz="sm" maw={560}>
      <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{header[0]}</Table.Th>
          <Table.Th scope="col" ta="right">
            {header[1]}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Th scope="row" fw={400}>
              {row.label}
            </Table.Th>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {row.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
