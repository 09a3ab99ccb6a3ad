import type { SVGProps } from 'react';

/** Stroke icons in the 24×24 style of Tabler (drawn here to avoid an icon package). */
export type IconProps = Omit<SVGProps<SVGSVGElement>, 'stroke'> & { size?: number; stroke?: number };

interface BaseIconProps extends IconProps {
  paths: readonly string[];
  circles?: readonly (readonly [number, number, number])[];
}

export function BaseIcon({ paths, circles = [], size = 18, stroke = 1.8, ...rest }: BaseIconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={stroke}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...rest}
    >
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
      {circles.map(([cx, cy, r]) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r={r} />
      ))}
    </svg>
  );
}

export const IconFolder = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M5 4h4l3 3h7a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z']}
  />
);
export const IconActivity = (props: IconProps) => <BaseIcon {...props} paths={['M3 12h4l3 8 4-16 3 8h4']} />;
export const IconShield = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M12 3a12 12 0 0 0 8.5 3A12 12 0 0 1 12 21 12 12 0 0 1 3.5 6 12 12 0 0 0 12 3']}
  />
);
export const IconSettings = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M4 6h8', 'M16 6h4', 'M4 12h2', 'M10 12h10', 'M4 18h11', 'M19 18h1']}
    circles={[
      [14, 6, 2],
      [8, 12, 2],
      [17, 18, 2],
    ]}
  />
);
export const IconLogout = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={[
      'M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2',
      'M9 12h12l-3-3',
      'M18 15l3-3',
    ]}
  />
);
export const IconPlus = (props: IconProps) => <BaseIcon {...props} paths={['M12 5v14', 'M5 12h14']} />;
export const IconPlay = (props: IconProps) => <BaseIcon {...props} paths={['M7 4v16l13-8z']} />;
export const IconKey = (props: IconProps) => (
  <BaseIcon {...props} paths={['M10.85 12.15 19 4', 'M18 5l2 2', 'M15 8l2 2']} circles={[[8, 15, 4]]} />
);
export const IconTrash = (props: IconProps) => (
  <BaseIcon
    {...props}
    paths={['M4 7h16', 'M10 11v6', 'M14 11v6', 'M5 7l1 12a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2l1-12', 'M9 7V4h6v3']}
  />
);
export const IconChevronRight = (props: IconProps) => <BaseIcon {...props} paths={['M9 6l6 6-6 6']} />;
export const IconArrowLeft = (props: IconProps) => (
  <BaseIcon {...props} paths={['M5 12h14', 'M5 12l6 6', 'M5 12l6-6']} />
);
export const IconAlert = (props: IconProps) => (
  <BaseIcon {...props} paths={['M12 8v4', 'M12 16h.01']} circles={[[12, 12, 9]]} />
);
export const IconCopy = (props: IconProps) => (
  <BaseIcon {...props} paths={['M8 8h12v12H8z', 'M16 8V4H4v12h4']} />
);
export const IconCheck = (props: IconProps) => <BaseIcon {...props} paths={['M5 12l5 5L20 7']} />;

/** The UAM mark: four rising bars. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-indigo-6)" />
      <path
        d="M8 21v-6M13 21V11M18 21v-8M23 21V8"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}
