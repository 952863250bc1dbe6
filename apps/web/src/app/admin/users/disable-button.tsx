'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { ConfirmDialog } from '../_components/dialog';

/** Enables or disables an account after confirmation; disabling ends its sessions at once. */
export function DisableButton({ user, onDone }: { user: { id: string; username: string; disabled: boolean }; onDone?: () => void }) {
  const t = useTranslations('admin.users');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const toggle = useMutation(
    trpc.admin.setUserDisabled.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.user.queryKey() }),
        ]);
        setAsking(false);
        onDone?.();
      },
    }),
  );
  const disabling = !user.disabled;
  return (
    <>
      <button
        type="button"
        className={`btn btn-small ${disabling ? 'btn-ghost' : ''}`}
        onClick={() => {
          toggle.reset();
          setAsking(true);
        }}
        data-testid={disabling ? 'user-disable' : 'user-enable'}
      >
        {disabling ? t('disable') : t('enable')}
      </button>
      {asking && (
        <ConfirmDialog
          title={disabling ? t('disableTitle', { username: user.username }) : t('enableTitle', { username: user.username })}
          body={<p>{disabling ? t('disableBody') : t('enableBody')}</p>}
          confirmLabel={disabling ? t('disable') : t('enable')}
          pendingLabel={t('working')}
          pending={toggle.isPending}
          danger={disabling}
          error={toggle.error ? errorText(toggle.error, locale) : null}
          onCancel={() => setAsking(false)}
          onConfirm={() => toggle.mutate({ id: user.id, disabled: disabling })}
        />
      )}
    </>
  );
}
