import { BaseIcon, type IconProps } from '../components/icons.tsx';

/** Icons of the Ask tab, in the 24×24 stroke style of `icons.tsx`. */
export const IconMessage = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 5h16v11H9l-5 4z', 'M8 9h8', 'M8 12h5']} />
);
export const IconSend = (props: IconProps) => (
  <BaseIcon {...props} paths={['M5 12l14-7-5 14-3-6z', 'M11 13l8-8']} />
);
export const IconPin = (props: IconProps) => (
  <BaseIcon {...props} paths={['M9 4h6l-1 5 3 3H7l3-3z', 'M12 12v8']} />
);
export const IconCode = (props: IconProps) => (
  <BaseIcon {...props} paths={['M8 8l-4 4 4 4', 'M16 8l4 4-4 4', 'M13.5 5l-3 14']} />
);
export const IconHelp = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6', 'M12 17.5v.01']}
    circles={[[12, 12, 9]]}
  />
);
export const IconBan = (props: IconProps) => (
  <BaseIcon {...props} paths={['M5.6 5.6l12.8 12.8']} circles={[[12, 12, 9]]} />
);
export const IconSparkle = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={[
      'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z',
      'M19 16l.7 2 2 .7-2 .7-.7 2-.7-2-2-.7 2-.7z',
    ]}
  />
);
export const IconPlus = (props: IconProps) => <BaseIcon {...props} paths={['M12 5v14', 'M5 12h14']} />;
