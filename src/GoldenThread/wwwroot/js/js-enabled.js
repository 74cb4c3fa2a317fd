// Marks the page as having JavaScript before it is drawn, as GOV.UK Frontend expects; kept in a file
// (not inline) so the content security policy needs no exception for inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
