/* The observations as CSV, the same text as `gzkit export --bom -f csv`: a byte-order mark so that
spreadsheets read the Chinese text, lowercase booleans, empty cells for nulls, RFC 4180 quoting. */
function gzkitCsv(rows){
if(!rows.length){return '\ufeff';}
var cols=Object.keys(rows[0]);
function cell(v){
if(v===null||v===undefined){return '';}
var t=typeof v==='boolean'?(v?'true':'false'):String(v);
return /[",\n\r]/.test(t)?'"'+t.replace(/"/g,'""')+'"':t;
}
var out=[cols.map(cell).join(',')];
for(var i=0;i<rows.length;i++){out.push(cols.map(function(c){return cell(rows[i][c]);}).join(','));}
return '\ufeff'+out.join('\n')+'\n';
}
(function(){
var root=document.documentElement;
function setLang(l){
if(l!=='zh'&&l!=='en'){return;}
root.classList.remove('lang-en','lang-zh');root.classList.add('lang-'+l);
root.setAttribute('lang',l==='zh'?'zh-CN':'en');
var b=document.querySelectorAll('[data-set-lang]');
for(var i=0;i<b.length;i++){b[i].setAttribute('aria-pressed',String(b[i].getAttribute('data-set-lang')===l));}
try{localStorage.setItem('gzkit-lang',l);}catch(e){}
}
var m=/lang=(en|zh)/.exec(location.hash),saved=null;
try{saved=localStorage.getItem('gzkit-lang');}catch(e){}
setLang(m?m[1]:(saved||root.getAttribute('data-default-lang')));
document.addEventListener('click',function(ev){
var t=ev.target.closest&&ev.target.closest('[data-set-lang]');
if(t){setLang(t.getAttribute('data-set-lang'));}
});
function save(text,type,name){
var blob=new Blob([text],{type:type});
var a=document.createElement('a');a.href=URL.createObjectURL(blob);a.download=name;
document.body.appendChild(a);a.click();a.remove();
}
function data(){return document.getElementById('gzkit-data').textContent;}
var dl=document.getElementById('download-json');
if(dl){dl.addEventListener('click',function(){save(data(),'application/json','gzkit-observations.json');});}
var dc=document.getElementById('download-csv');
if(dc){dc.addEventListener('click',function(){
save(gzkitCsv(JSON.parse(data())),'text/csv;charset=utf-8','gzkit-observations.csv');
});}
root.setAttribute('data-ready','1');
})();
