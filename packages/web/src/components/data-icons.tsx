import { BaseIcon, type IconProps } from './icons.tsx';

/** Icons of the data screens, in the same 24×24 stroke style as `icons.tsx`. */
export const IconUpload = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2', 'M7 9l5-5 5 5', 'M12 4v12']} />
);
export const IconDownload = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2', 'M7 11l5 5 5-5', 'M12 4v12']} />
);
export const IconTable = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 5h16v14H4z', 'M4 10h16', 'M4 15h16', 'M10 5v14']} />
);
export const IconFile = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M14 3v4a1 1 0 0 0 1 1h4', 'M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z']}
  />
);
export const IconSearch = (props: IconProps) => (
  <BaseIcon {...props} paths={['M21 21l-6-6']} circles={[[10, 10, 7]]} />
);
export const IconPencil = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 20h4L18.5 9.5a2.83 2.83 0 0 0-4-4L4 16v4', 'M13.5 6.5l4 4']} />
);
export const IconX = (props: IconProps) => <BaseIcon {...props} paths={['M18 6L6 18', 'M6 6l12 12']} />;
export const IconChevronDown = (props: IconProps) => <BaseIcon {...props} paths={['M6 9l6 6 6-6']} />;
export const IconArrowUp = (props: IconProps) => (
  <BaseIcon {...props} paths={['M12 5v14', 'M18 11l-6-6-6 6']} />
);
export const IconArrowDown = (props: IconProps) => (
  <BaseIcon {...props} paths={['M12 5v14', 'M18 13l-6 6-6-6']} />
);
export const IconFilter = (props: IconProps) => <BaseIcon {...props} paths={['M4 4h16l-6 8v6l-4 2v-8z']} />;
export const IconHistory = (props: IconProps) => (
  <BaseIcon {...props} paths={['M12 8v4l2 2', 'M3.05 11a9 9 0 1 1 .5 4', 'M3 20v-5h5']} />
);
export const IconColumns = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 4h6v16H4z', 'M14 4h6v16h-6z']} />
);
export const IconRestore = (props: IconProps) => (
  <BaseIcon {...props} paths={['M3.05 11a9 9 0 1 1 .5 4', 'M3 20v-5h5']} />
);
export const IconHash = (props: IconProps) => (
  <BaseIcon {...props} paths={['M5 9h14', 'M5 15h14', 'M11 4L7 20', 'M17 4l-4 16']} />
);
export const IconDecimal = (props: IconProps) => (
  <BaseIcon {...props} paths={['M6 17h.01', 'M10 8v8', 'M16 8h3v8h-3z']} />
);
export const IconCalendar = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={[
      'M4 7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z',
      'M16 3v4',
      'M8 3v4',
      'M4 11h16',
    ]}
  />
);
export const IconClock = (props: IconProps) => (
  <BaseIcon {...props} paths={['M12 7v5l3 3']} circles={[[12, 12, 9]]} />
);
export const IconText = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M4 20l4-12 4 12', 'M5.5 16h5', 'M15 12h3.5a2 2 0 0 1 0 4H15v-8h3a2 2 0 0 1 0 4']}
  />
);
export const IconToggle = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M2 12a5 5 0 0 1 5-5h10a5 5 0 0 1 0 10H7a5 5 0 0 1-5-5']}
    circles={[[8, 12, 2]]}
  />
);
