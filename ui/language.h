#pragma once
// The UI language: English, or Simplified Chinese from resources/translations/aliasview_zh_CN.ts,
// chosen from the system locale and switchable at run time (View → Language).

#include <QString>

namespace av::ui {

// "zh_CN" when the system locale is Chinese, else "en".
QString defaultLanguage();
// Installs the translators for `locale` ("en" removes them); widgets then get a LanguageChange event.
void applyLanguage(const QString& locale);
QString currentLanguage();

}  // namespace av::ui
