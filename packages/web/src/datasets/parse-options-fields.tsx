import {
  Badge,
  Collapse,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown } from '../components/data-icons.tsx';
import { DELIMITERS, ENCODINGS, forcedCount, type ParseOptionsDraft } from './parse-options.ts';

interface ParseOptionsFieldsProps {
  draft: ParseOptionsDraft;
  onChange: (draft: ParseOptionsDraft) => void;
  disabled?: boolean;
}

const TRI_STATE = [
  { value: 'auto', label: 'Detect' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** "Advanced parse options": collapsed by default, since detection is right for most files. */
export function ParseOptionsFields({ draft, onChange, disabled }: ParseOptionsFieldsProps) {
  const [opened, { toggle }] = useDisclosure(false);
  const forced = forcedCount(draft);
  const set = <K extends keyof ParseOptionsDraft>(key: K, value: ParseOptionsDraft[K]) =>
    onChange({ ...draft, [key]: value });

  return (
    <div>
      <UnstyledButton onClick={toggle} data-testid="upload-advanced-toggle" aria-expanded={opened}>
        <Group gap={6}>
          <IconChevronDown
            size={14}
            style={{ transform: opened ? 'none' : 'rotate(-90deg)', transition: 'transform 120ms ease' }}
          />
          <Text size="sm" fw={500}>
            Advanced parse options
          </Text>
          {forced > 0 && (
            <Badge size="xs" variant="light">
              {forced} forced
            </Badge>
          )}
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm" pt="sm">
          <NativeSelect
            label="Delimiter"
            data={DELIMITERS}
            value={draft.delimiter}
            onChange={(e) => set('delimiter', e.currentTarget.value)}
            disabled={disabled}
            data-testid="upload-delimiter"
          />
          <NativeSelect
            label="Encoding"
            data={ENCODINGS}
            value={draft.encoding}
            onChange={(e) => set('encoding', e.currentTarget.value)}
            disabled={disabled}
            data-testid="upload-encoding"
          />
          <TriStateField
            label="First row is a header"
            value={draft.header}
            onChange={(v) => set('header', v)}
            disabled={disabled}
            testId="upload-header"
          />
          <TriStateField
            label="Decimal comma (1.234,5)"
            value={draft.decimalComma}
            onChange={(v) => set('decimalComma', v)}
            disabled={disabled}
            testId="upload-decimal-comma"
          />
          <TextInput
            label="Excel sheet"
            placeholder="First sheet"
            value={draft.sheet}
            onChange={(e) => set('sheet', e.currentTarget.value)}
            disabled={disabled}
            data-testid="upload-sheet"
          />
          <Switch
            label="Skip bad lines"
            description="Drop malformed rows and report how many"
            checked={draft.skipBadLines}
            onChange={(e) => set('skipBadLines', e.currentTarget.checked)}
            disabled={disabled}
            mt={{ base: 0, xs: 24 }}
            data-testid="upload-skip-bad-lines"
          />
        </SimpleGrid>
      </Collapse>
    </div>
  );
}

interface TriStateFieldProps {
  label: string;
  value: ParseOptionsDraft['header'];
  onChange: (value: ParseOptionsDraft['header']) => void;
  disabled?: boolean;
  testId: string;
}

function TriStateField({ label, value, onChange, disabled, testId }: TriStateFieldProps) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <SegmentedControl
        fullWidth
        size="xs"
        data={TRI_STATE}
        value={value}
        onChange={(v) => onChange(v as ParseOptionsDraft['header'])}
        disabled={disabled}
        data-testid={testId}
        aria-label={label}
      />
    </div>
  );
}
