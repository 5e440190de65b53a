/**
 * Copyright (c) Meta Platforms, Inc. and affiliates.
 *
 * This source code is licensed under the MIT license found in the
 * LICENSE file in the root directory of this source tree.
 *
 */

import*as e from"@lexical/code-prism";export{$createCodeHighlightNode,$createCodeNode,$getCodeLineDirection,$getEndOfCodeInLine,$getFirstCodeNodeOfLine,$getLastCodeNodeOfLine,$getStartOfCodeInLine,$isCodeHighlightNode,$isCodeNode,CodeExtension,CodeHighlightNode,CodeNode,DEFAULT_CODE_LANGUAGE,getDefaultCodeLanguage}from"@lexical/code-core";const o=e.CODE_LANGUAGE_FRIENDLY_NAME_MAP,g=e.CODE_LANGUAGE_MAP,i=e.getCodeLanguageOptions,d=e.getCodeLanguages,t=e.getCodeThemeOptions,n=e.getLanguageFriendlyName,a=e.normalizeCodeLanguage,C=e.normalizeCodeLanguage,r=e.PrismTokenizer,L=e.registerCodeHighlighting;export{o as CODE_LANGUAGE_FRIENDLY_NAME_MAP,g as CODE_LANGUAGE_MAP,r as PrismTokenizer,i as getCodeLanguageOptions,d as getCodeLanguages,t as getCodeThemeOptions,n as getLanguageFriendlyName,a as normalizeCodeLang,C as normalizeCodeLanguage,L as registerCodeHighlighting};
