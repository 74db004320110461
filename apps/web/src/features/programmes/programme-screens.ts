import { useEffect } from 'react';
import { useLocation, useOutletContext } from 'react-router';
import type { UnmetCondition } from '../../api';
import { programmeDocumentKindLabels } from '../../labels';
import type { MonitoringStage, Programme, ProgrammeDocumentKind } from '../../types';

/** The programme's screens (issue 26): one job each, the screen in the URL under `/programmes/:programmeId`. */
export const programmeScreens = [
  { path: '', label: 'Обзор' },
  { path: 'documents', label: 'Документы' },
  { path: 'preparation', label: 'Подготовка' },
  { path: 'participants', label: 'Участники' },
  { path: 'pairs', label: 'Пары и группы' },
  { path: 'monitoring', label: 'Мониторинг' },
] as const;
export type ProgrammeScreen = (typeof programmeScreens)[number]['path'];

/** What every screen of a programme gets from the page around it (the programme, read once for all screens). */
export interface ProgrammeContext {
  programme: Programme;
  zone: string;
  /** Reads the programme until it reaches `version` (a command's answer). */
  refresh: (version: number) => Promise<void>;
  /** Reads the programme until its checklist changes (a command of another aggregate fixed a condition). */
  refreshChecklist: () => Promise<void>;
}

export const useProgramme = () => useOutletContext<ProgrammeContext>();

const documentKinds = Object.keys(programmeDocumentKindLabels) as ProgrammeDocumentKind[];

export interface Fix {
  /** The screen that fixes the condition, with what opens its form there (query and anchor). */
  screen: ProgrammeScreen;
  search?: Record<string, string>;
  anchor: string;
  /** Who may fix it: the director appoints the curator and registers orders. */
  who: 'director' | 'managerOrDirector' | 'manager';
  label: string;
}

/** Where each unmet condition of the next stage is fixed: the checklist's buttons and the home page's links. */
export function fixFor(condition: UnmetCondition): Fix {
  const document = /^document\.(\w+)\.missing$/.exec(condition.code);
  if (document && documentKinds.includes(document[1] as ProgrammeDocumentKind)) {
    return {
      screen: 'documents',
      search: { register: document[1] },
      anchor: 'document-form',
      who: 'managerOrDirector',
      label: 'Зарегистрировать документ',
    };
  }
  const monitoring = /^monitoring\.(process|influence)\.noResults$/.exec(condition.code);
  if (monitoring) {
    return {
      screen: 'monitoring',
      search: { stage: monitoring[1] as MonitoringStage },
      anchor: 'monitoring-form-title',
      who: 'managerOrDirector',
      label: 'Внести результат мониторинга',
    };
  }
  const on = (screen: ProgrammeScreen, anchor: string, label: string, search?: Record<string, string>): Fix => ({
    screen,
    anchor,
    label,
    search,
    who: 'manager',
  });
  switch (condition.code) {
    case 'curator.notAppointed':
      return { screen: '', anchor: 'programme-curator', who: 'director', label: 'Назначить куратора' };
    case 'problemAnalysis.missing':
      return on('preparation', 'problems-title', 'Записать проблему');
    case 'problemAnalysis.notApproved':
      return on('preparation', 'problems-title', 'Перейти к анализу проблем');
    case 'mentors.untrained':
      return on('preparation', 'training-title', 'Записать обучение');
    case 'mentors.notSelected':
      return on('participants', 'participant-form', 'Отобрать наставника', { role: 'mentor' });
    case 'mentees.notSelected':
      return on('participants', 'participant-form', 'Отобрать наставляемого', { role: 'mentee' });
    case 'pairs.notAssignedWithOrderAndConsents':
      return on('pairs', 'pair-form', 'Сформировать пару или группу', { action: 'form' });
    case 'pairs.personalProgrammeNotApproved':
      return on('pairs', 'pair-actions-title', 'Утвердить персонализированную программу', { action: 'approve' });
    case 'pairs.interimControlNotPassed':
      return on('pairs', 'pair-actions-title', 'Провести промежуточный контроль', { action: 'interim' });
    default:
      return on('pairs', 'pairs-title', 'Перейти к парам и группам');
  }
}

/** The address of a programme's screen, with the form the fix opens there. */
export function screenPath(programmeId: string, screen: ProgrammeScreen, fix?: Pick<Fix, 'search' | 'anchor'>): string {
  const base = `/programmes/${programmeId}${screen ? `/${screen}` : ''}`;
  if (!fix) return base;
  const query = fix.search ? `?${new URLSearchParams(fix.search).toString()}` : '';
  return `${base}${query}#${fix.anchor}`;
}

export const fixPath = (programmeId: string, condition: UnmetCondition): string =>
  screenPath(programmeId, fixFor(condition).screen, fixFor(condition));

/**
 * A link's anchor (`#participant-form`, `#meeting-form-title` from the inbox) brought into view once the screen
 * shows it, its first control focused: the form the link was followed for is ready to fill.
 */
export function useAnchor(ready: boolean): void {
  const { hash, search, key } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    // After the render that opened the form (a query may open it on this very render).
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!target) return;
      if (target instanceof HTMLDetailsElement) target.open = true;
      target.scrollIntoView({ block: 'start' });
      // A form that opened itself on the link (a pair's control) keeps its focus.
      if (document.activeElement?.matches('input, select, textarea')) return;
      const area = target.closest('details, form, .pair-actions, section') ?? target;
      area.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [ready, hash, search, key]);
}
