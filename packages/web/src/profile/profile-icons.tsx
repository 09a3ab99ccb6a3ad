import { BaseIcon, type IconProps } from '../components/icons.tsx';

/** Icons of the EDA tabs, in the stroke style of `components/icons.tsx`. */
export const IconChart = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 20h16', 'M7 16v-5', 'M12 16V6', 'M17 16v-8']} />
);
export const IconWand = (props: IconProps) => (
  <BaseIcon {...props} paths={['M4 20L15 9', 'M14 4v2', 'M18 6l-1.5 1.5', 'M20 10h-2', 'M10 4l1 2']} />
);
export const IconDrift = (props: IconProps) => (
  <BaseIcon {...props} paths={['M3 17c3 0 3-10 6-10s3 10 6 10 3-6 6-6']} />
);
