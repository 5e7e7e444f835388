/** The public pages' one stylesheet (inlined with the page's nonce: no extra request on a cheap phone). `--brand` is the entity's colour (contrast ≥ 4.5:1 on white, checked when saved). */
export const participaCss = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;line-height:1.55;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
a{color:var(--brand);text-underline-offset:.15em}
a:focus-visible,summary:focus-visible,main:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:#1a1a1a;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
.site-header{border-top:6px solid var(--brand);border-bottom:1px solid #d0d0d0;padding:1rem 0 0}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
.entity{font-weight:700;margin:0;flex:1 1 16rem}
.kicker{margin:0;color:#444;font-weight:600}
.logo{max-height:56px;width:auto}
.site-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:.5rem 0;margin:0}
.site-nav a{display:inline-block;padding:.4rem 0;font-weight:600}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.45rem;margin:2rem 0 .75rem;border-bottom:2px solid var(--brand);padding-bottom:.25rem}
h3{font-size:1.15rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.1rem}
.forum{border:1px solid #c8c8c8;border-left:6px solid var(--brand);border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.forum h3{margin-top:.25rem}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.25rem 1rem;margin:.5rem 0}
.facts div{margin:0}
.facts dt{font-weight:700;font-size:.9rem;color:#444}
.facts dd{margin:0;overflow-wrap:anywhere}
.button{display:inline-block;background:var(--brand);color:#fff;padding:.55rem 1rem;border-radius:6px;text-decoration:none;font-weight:600;min-height:44px}
.button:focus-visible{outline:3px solid #1a1a1a}
.vote fieldset{border:1px solid #767676;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
.vote legend{font-weight:600;padding:0 .25rem}
.vote .choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
.vote .choice input{width:1.25rem;height:1.25rem;margin-top:.15rem}
.vote .field{display:block;margin:.75rem 0}
.vote .field label{display:block;font-weight:600;margin-bottom:.25rem}
.vote input[type=text],.vote textarea{width:100%;max-width:36rem;font:inherit;padding:.45rem;border:1px solid #767676;border-radius:4px;box-sizing:border-box}
button.button{border:0;font:inherit;cursor:pointer}
.hp{display:none}
.ask{border-top:1px solid #d0d0d0;margin-top:.75rem;padding-top:.25rem}
.ask .vote{margin-top:.5rem}
.vote input[type=checkbox]{flex:none}
.result{border-left:6px solid var(--brand);padding:.5rem 1rem;background:#f4f6f8}
.answers,.commitments{list-style:none;padding:0;margin:0}
.answer,.commitment{border:1px solid #c8c8c8;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.answer h4,.commitment h4{margin:.1rem 0 .4rem;font-size:1.05rem;overflow-wrap:anywhere}
.answer p,.commitment p{overflow-wrap:anywhere;white-space:pre-line}
.bar{height:.6rem;background:#e4e4e4;border-radius:3px;max-width:20rem;margin:.25rem 0}
.bar span{display:block;height:100%;background:var(--brand);border-radius:3px}
${Array.from({ length: 21 }, (_, i) => `.bar .w${i * 5}{width:${i * 5}%}`).join('')}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.links{padding-left:1.25rem}
.links li{margin:.35rem 0}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.95em}
.hash,.copy{overflow-wrap:anywhere;background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}
.note{color:#444;font-size:.95rem}
.table-wrap{overflow-x:auto;margin:.75rem 0}
table{border-collapse:collapse;width:100%;min-width:18rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}
details{margin:1rem 0}
summary{cursor:pointer;font-weight:600;padding:.4rem 0}
.report-title{border-bottom:1px solid #d0d0d0;margin-bottom:1rem}
.report-entity{font-weight:600;color:#444;margin:0}
.toc ol{padding-left:1.25rem}
.toc .toc-2{margin-left:1.25rem}
.report-caption{font-size:.95rem;color:#444}
.report-note{font-size:.9rem;color:#444}
.chart{margin:1rem 0}
.chart svg{max-width:100%;height:auto}
.signature{margin-top:2rem}
.signature p{margin:.1rem 0}
blockquote{border-left:4px solid #c8c8c8;margin:1rem 0;padding-left:1rem}
.site-footer{border-top:1px solid #d0d0d0;padding:1rem 0;color:#444;font-size:.95rem}
@media print{.site-header,.site-nav,.site-footer,.skip{display:none}.wrap{max-width:none}a{color:#000}h2{break-after:avoid}.chart,table{break-inside:avoid}}
`;
