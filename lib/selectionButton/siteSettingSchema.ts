import { z } from 'zod';
import { MAX_OFF_SITES } from './siteSetting';

/** The selection button's setting as the options page sends it and the database keeps it; sites are hosts as `siteHostOf` gives them. */
export const selectionButtonSetting = z.object({
  enabled: z.boolean(),
  offSites: z
    .array(
      z
        .string()
        .min(1)
        .max(253)
        .regex(/^[a-z0-9._:[\]-]+$/, 'A site is a host name such as example.com'),
    )
    .max(MAX_OFF_SITES),
});
