import { Button, ScrollArea, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { AnswerColumn } from '../api/ask-types.ts';

const PREVIEW = 12;
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A number with grouping, unless it looks like a year or an identifier. */
export function formatAnswerValue(value: unknown, column: AnswerColumn): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    const yearLike =
      Number.isInteger(value) && value >= 1000 && value <= 2999 && /year|id$/i.test(column.name);
    return yearLike || column.role === 'field' ? String(value) : number.format(value);
  }
  if (typeof value === 'string' && column.type === 'date')
    return value.replace('T', ' ').replace(/ 00:00:00$/, '');
  return String(value);
}

/** The answer's rows: a short preview first, all of them on request. */
export function ResultTable({
  columns,
  rows,
  truncated,
}: {
  columns: AnswerColumn[];
  rows: unknown[][];
  truncated: boolean;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, PREVIEW);
  return (
    <div>
      <ScrollArea.Autosize mah={all ? 420 : undefined} type="auto">
        <Table
          striped
          highlightOnHover
          withTableBorder
          fz="sm"
          verticalSpacing={6}
          data-testid="answer-table"
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th
                  key={c.name}
                  ta={c.type === 'number' ? 'right' : 'left'}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {c.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity of their own.
              <Table.Tr key={i}>
                {columns.map((c, j) => (
                  <Table.Td
                    key={c.name}
                    ta={c.type === 'number' ? 'right' : 'left'}
                    ff={c.type === 'number' ? 'monospace' : undefined}
                  >
                    {formatAnswerValue(r[j], c)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {(rows.length > PREVIEW || truncated) && (
        <Text size="xs" c="dimmed" mt={6}>
          {rows.length > PREVIEW && (
            <Button variant="subtle" size="compact-xs" onClick={() => setAll((a) => !a)} mr={6}>
              {all ? 'Show fewer' : `Show all ${rows.length} rows`}
            </Button>
          )}
          {truncated && 'More rows matched than an answer returns; narrow the question to see them.'}
        </Text>
      )}
    </div>
  );
}
