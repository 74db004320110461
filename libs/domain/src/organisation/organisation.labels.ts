import type { OrganisationKind, StaffRole } from './organisation.events';

export const staffRoleLabels: Readonly<Record<StaffRole, string>> = {
  director: 'Руководитель',
  curator: 'Куратор',
  commissionHead: 'Руководитель методической комиссии',
  psychologist: 'Педагог-психолог',
  methodologist: 'Методист',
  tutor: 'Тьютор',
};

export const organisationKindLabels: Readonly<Record<OrganisationKind, string>> = {
  school: 'Общеобразовательная организация',
  college: 'Профессиональная образовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  additionalEducation: 'Организация дополнительного образования',
  other: 'Иная организация',
  professionalExcellenceCentre: 'ЦНППМ (центр непрерывного повышения профессионального мастерства)',
  educationDevelopmentInstitute: 'ИРО (институт развития образования)',
  municipalMethodCentre: 'Муниципальный методический центр',
};

/**
 * Russia's time zones as people name them — by city and offset from Moscow — with the IANA zone the system
 * keeps. Regions on their own IANA zone with the same offset (Ульяновск, Томск, …) are listed by that city.
 */
export const russianTimeZones: readonly (readonly [timeZone: string, label: string])[] = [
  ['Europe/Kaliningrad', 'Калининград (МСК−1, UTC+2)'],
  ['Europe/Moscow', 'Москва, Санкт-Петербург, Казань (МСК, UTC+3)'],
  ['Europe/Kirov', 'Киров (МСК, UTC+3)'],
  ['Europe/Volgograd', 'Волгоград (МСК, UTC+3)'],
  ['Europe/Samara', 'Самара, Ижевск (МСК+1, UTC+4)'],
  ['Europe/Astrakhan', 'Астрахань (МСК+1, UTC+4)'],
  ['Europe/Saratov', 'Саратов (МСК+1, UTC+4)'],
  ['Europe/Ulyanovsk', 'Ульяновск (МСК+1, UTC+4)'],
  ['Asia/Yekaterinburg', 'Екатеринбург, Челябинск, Пермь, Уфа, Тюмень (МСК+2, UTC+5)'],
  ['Asia/Omsk', 'Омск (МСК+3, UTC+6)'],
  ['Asia/Novosibirsk', 'Новосибирск (МСК+4, UTC+7)'],
  ['Asia/Barnaul', 'Барнаул, Горно-Алтайск (МСК+4, UTC+7)'],
  ['Asia/Tomsk', 'Томск (МСК+4, UTC+7)'],
  ['Asia/Novokuznetsk', 'Кемерово, Новокузнецк (МСК+4, UTC+7)'],
  ['Asia/Krasnoyarsk', 'Красноярск, Абакан, Кызыл (МСК+4, UTC+7)'],
  ['Asia/Irkutsk', 'Иркутск, Улан-Удэ (МСК+5, UTC+8)'],
  ['Asia/Chita', 'Чита (МСК+6, UTC+9)'],
  ['Asia/Yakutsk', 'Якутск, Благовещенск (МСК+6, UTC+9)'],
  ['Asia/Vladivostok', 'Владивосток, Хабаровск (МСК+7, UTC+10)'],
  ['Asia/Sakhalin', 'Южно-Сахалинск (МСК+8, UTC+11)'],
  ['Asia/Magadan', 'Магадан (МСК+8, UTC+11)'],
  ['Asia/Srednekolymsk', 'Среднеколымск (МСК+8, UTC+11)'],
  ['Asia/Kamchatka', 'Петропавловск-Камчатский (МСК+9, UTC+12)'],
  ['Asia/Anadyr', 'Анадырь (МСК+9, UTC+12)'],
];
