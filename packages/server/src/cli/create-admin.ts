import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../adapters/db/database.ts';
import { parseConfig } from '../config/config.ts';
import { UamError } from '../errors/index.ts';
import { OrganizationRepository } from '../repositories/organization.repository.ts';
import { TokenRepository } from '../repositories/token.repository.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { AuthService } from '../services/auth.service.ts';
import { TokenSigner } from '../services/token-signer.ts';

/**
 * `uam create-admin --email E [--name N] [--password P]`: create an admin in the default
 * organization, or promote an existing account. Without --password (or UAM_ADMIN_PASSWORD)
 * a strong one is generated and printed once.
 */
export async function createAdminCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
    throw new UamError(
      'VALIDATION_ERROR',
      'Usage: uam create-admin --email you@example.com [--name "Your Name"] [--password ...]',
    );
  }
  const config = parseConfig(process.env);
  const db = await openDatabase(config.db);
  try {
    await migrateToLatest(db.db);
    const users = new UserRepository(db.db);
    const existing = await users.findByEmail(values.email);
    if (existing) {
      await users.update(existing.id, { role: 'admin', disabled: false });
      console.log(`${existing.email} is now an admin of ${existing.orgName}.`);
      return;
    }
    const generated = !values.password && !process.env.UAM_ADMIN_PASSWORD;
    const password =
      values.password ?? process.env.UAM_ADMIN_PASSWORD ?? crypto.randomBytes(12).toString('base64url');
    if (password.length < 8)
      throw new UamError('VALIDATION_ERROR', 'The password must be at least 8 characters');
    const auth = new AuthService({
      users,
      orgs: new OrganizationRepository(db.db),
      tokens: new TokenRepository(db.db),
      signer: new TokenSigner('x'.repeat(32), 60),
      signup: config.UAM_SIGNUP,
      defaultOrgName: config.UAM_DEFAULT_ORG,
      refreshTtlSeconds: config.UAM_REFRESH_TOKEN_TTL,
    });
    const org = await auth.defaultOrg();
    const user = await auth.createUser({
      email: values.email,
      name: values.name ?? values.email.split('@')[0]!,
      password,
      orgId: org.id,
      role: 'admin',
    });
    console.log(`Created admin ${user.email} in ${user.orgName}.`);
    if (generated) console.log(`Password (shown once): ${password}`);
  } finally {
    await db.close();
  }
}
