"""One builder module per document kind (報告書, 本人通知, 委託元への通知, 公表文, 社内報告, Pマーク報告): each has
`compose(ctx) -> Document` and `build(ctx) -> bytes`; `app.documents.builders` maps a DocumentKind to its module.

May import: wording/, render/, app.documents.context and app.documents.model, app.domain, app.i18n, app.errors.
A kind never imports another kind: what two kinds share goes to wording/ or render/.
"""
