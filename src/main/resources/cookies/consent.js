/* Charte consent.js: cookie choices the CNIL's way (R9.11, L3); no dependency, nothing set before a choice. */
(function(w,d){"use strict";
var C=/*CONFIG*/null,B=C.b,N=navigator,S=d.currentScript,base=S&&S.src?new URL(S.src,location.href).origin:"",
skew=C.now-Date.now(),lang=(d.documentElement.lang||"fr").slice(0,2).toLowerCase()=="en"?"en":"fr",T=B.t[lang],
ess=S&&S.hasAttribute("data-essential"),sig=N.globalPrivacyControl===true||C.sig=="gpc"?"gpc":C.sig||(B.dnt&&(N.doNotTrack=="1"||w.doNotTrack=="1")?"dnt":null),st=read(),box,back,ran={};
function now(){return Date.now()+skew}
function el(tag,at,kids){var e=d.createElement(tag);for(var k in at)k=="text"?e.textContent=at[k]:k.slice(0,2)=="on"?e.addEventListener(k.slice(2),at[k]):e.setAttribute(k,at[k]);(kids||[]).forEach(function(c){c&&e.appendChild(c)});return e}
function read(){var m=d.cookie.match(new RegExp("(?:^|; )"+C.name+"=([^;]*)"));if(!m)return null;var f=decodeURIComponent(m[1]).split(".");
 if(f.length!=4||!/^[0-9a-f-]{36}$/.test(f[0])||f[2].length!=B.p.length)return null;var c={};B.p.forEach(function(p,i){c[p.id]=f[2][i]=="1"});
 return{id:f[0],v:f[1],c:c,t:+f[3]*1000}}
function valid(){return st&&st.v==C.v&&now()-st.t<C.reask*1000}
function uuid(){if(w.crypto&&crypto.randomUUID)return crypto.randomUUID();var b=crypto.getRandomValues(new Uint8Array(16)),h=[];b[6]=b[6]&15|64;b[8]=b[8]&63|128;
 b.forEach(function(x,i){h.push((x+256).toString(16).slice(1)+([3,5,7,9].indexOf(i)>=0?"-":""))});return h.join("")}
function choose(c,method){var old=st&&st.v==C.v?st.c:{},id=st&&st.id||uuid(),t=Math.floor(now()/1000),bits="";
 B.p.forEach(function(p){bits+=c[p.id]?"1":"0"});
 d.cookie=C.name+"="+encodeURIComponent([id,C.v,bits,t].join("."))+"; max-age="+C.exp+"; path=/; SameSite=Lax"+(location.protocol=="https:"?"; Secure":"");
 st={id:id,v:C.v,c:c,t:t*1000};
 try{fetch(base+"/consent/v1/records",{method:"POST",headers:{"Content-Type":"application/json"},credentials:"omit",keepalive:true,
  body:JSON.stringify({consentId:id,bannerVersion:C.v,method:method,site:location.origin,language:lang,choices:c})})}catch(e){}
 B.p.forEach(function(p){if(old[p.id]&&!c[p.id])drop(p)});apply();close();manage()}
function all(v){var c={};B.p.forEach(function(p){c[p.id]=v});return c}
function drop(p){var h=location.hostname.split("."),ds=[""];for(var i=0;i<h.length-1;i++)ds.push("; domain=."+h.slice(i).join("."));
 p.c.forEach(function(k){if(!k.x)ds.forEach(function(x){d.cookie=k.n+"=; max-age=0; path=/"+x})})}
function apply(){social();if(!valid())return;B.p.forEach(function(p){if(st.c[p.id])run(p.id)})}
function run(id){ran[id]=1;d.querySelectorAll('[data-purpose="'+id+'"]').forEach(function(e){if(e.getAttribute("data-done"))return;e.setAttribute("data-done","1");
 if(e.tagName=="SCRIPT"){var s=d.createElement("script");for(var i=0;i<e.attributes.length;i++){var a=e.attributes[i];if(a.name!="type")s.setAttribute(a.name,a.value)}
  s.type=e.getAttribute("data-type")||"text/javascript";if(!e.src)s.text=e.text;e.parentNode.replaceChild(s,e)}
 else if(e.getAttribute("data-src"))e.src=e.getAttribute("data-src")})}
function css(){if(d.getElementById("cc-css"))return;d.head.appendChild(el("link",{id:"cc-css",rel:"stylesheet",href:base+"/consent/v1/consent.css"}))}
function close(){if(!box)return;box.remove();box=null;if(back&&back.focus)back.focus()}
function panel(){var f=[];B.p.forEach(function(p){var on=valid()&&st.c[p.id],id="cc-p-"+p.id;
 f.push(el("fieldset",{},[el("legend",{text:p.l[lang]}),el("p",{},[el("input",{type:"checkbox",role:"switch",id:id,"data-purpose-switch":p.id}),
  el("label",{"for":id,text:" "+T.on})]),el("p",{text:p.d[lang]}),p.a?el("p",{},[el("small",{text:T.lifetime+" : "+p.a[lang]})]):null,
  el("p",{},[el("small",{text:T.provider+" : "+p.c.map(function(k){return k.n+" ("+k.by+", "+(k.x?T.third:T.first)+")"}).join(", ")})])]));
 f[f.length-1].querySelector("input").checked=!!on});
 return f}
function open(custom){if(box){return}css();back=d.activeElement;var first=!valid();if(ess)return essential();
 var refuse=function(){first?choose(all(false),"banner"):close()};
 var body=[el("h2",{id:"cc-t",text:T.title}),el("p",{id:"cc-x",text:T.text}),sig?el("p",{text:T.signal}):null,
  el("p",{},[el("a",{href:base+B.policy[lang],text:T.policy})])];
 var bs;
 if(custom&&st)body.push(el("p",{},[el("a",{id:"cc-proof",href:base+B.proof[lang]+st.id,text:T.proof})]));
 if(custom){body=body.concat(panel());bs=[el("button",{type:"button",id:"cc-save",text:T.save,onclick:function(){var c={};
   B.p.forEach(function(p){c[p.id]=box.querySelector('[data-purpose-switch="'+p.id+'"]').checked});choose(c,first?"banner":"settings")}}),
  el("button",{type:"button",id:"cc-refuse",text:T.refuse,onclick:function(){choose(all(false),first?"banner":"settings")}}),
  el("button",{type:"button",id:"cc-accept",text:T.accept,onclick:function(){choose(all(true),first?"banner":"settings")}})]}
 else bs=[el("button",{type:"button",id:"cc-accept",text:T.accept,onclick:function(){choose(all(true),"banner")}}),
  el("button",{type:"button",id:"cc-refuse",text:T.refuse,onclick:function(){choose(all(false),"banner")}}),
  el("button",{type:"button",id:"cc-custom",text:T.customize,onclick:function(){close();open(true)}})];
 body.push(el("div",{"class":"b"},bs));
 body.unshift(el("button",{type:"button","class":"x",id:"cc-close","aria-label":first?T.close:T.done,title:first?T.close:T.done,text:"\u00d7",onclick:refuse}));
 box=el("div",{id:"cc",role:"dialog","aria-modal":"true","aria-labelledby":"cc-t","aria-describedby":"cc-x",tabindex:"-1",lang:lang,
  onkeydown:function(e){if(e.key=="Escape"){e.preventDefault();refuse()}else if(e.key=="Tab"){var q=box.querySelectorAll("button,input,a[href]"),a=q[0],z=q[q.length-1];
   if(e.shiftKey&&(d.activeElement==a||d.activeElement==box)){e.preventDefault();z.focus()}else if(!e.shiftKey&&d.activeElement==z){e.preventDefault();a.focus()}}}},body);
 d.body.appendChild(box);box.focus()}
function manage(){var own=d.querySelector("[data-consent-manage]");if(own){if(!own.getAttribute("data-cc")){own.setAttribute("data-cc","1");
 own.addEventListener("click",function(e){e.preventDefault();open(true)})}return}
 if(d.getElementById("cc-m"))return;css();d.body.appendChild(el("button",{type:"button",id:"cc-m",text:T.manage,onclick:function(){open(true)}}))}
function start(){if(ess){manage();return}beacon();if(valid()){apply();manage()}else if(sig)choose(all(false),sig);else{social();manage();open(false)}}
/* ---- Social networks (R7.2): until consent to a social purpose, a click-to-load placeholder says which network would
   receive what and stands before each of its iframes and scripts; loading records that consent; withdrawing unloads. ---- */
var hn=0;
function social(){var re=0;B.p.forEach(function(p){if(!p.s)return;var on=valid()&&st.c[p.id];
 d.querySelectorAll('iframe[data-purpose="'+p.id+'"],script[data-purpose="'+p.id+'"]').forEach(function(e){var f=e.tagName=="IFRAME",ph=e.previousElementSibling;
  ph=ph&&ph.getAttribute("data-cc-ph")==p.id?ph:null;
  if(on){if(ph)ph.remove();if(f)e.hidden=false;return}
  if(e.getAttribute("data-done")){if(!f){re=1;return}e.src="about:blank";e.removeAttribute("data-done")}
  if(f)e.hidden=true;if(!ph)e.parentNode.insertBefore(holder(p,e.getAttribute("data-network")||p.s.join(", ")),e)})});
 if(re)location.reload()}
function holder(p,n){css();var id="cc-h"+ ++hn,f=function(t){return t.split("{n}").join(n).split("{p}").join(p.l[lang])};
 return el("div",{"class":"cc-ph","data-cc-ph":p.id,lang:lang},[el("p",{id:id,text:f(T.embed)}),
  el("button",{type:"button","class":"cc-pl","aria-describedby":id,text:f(T.load),onclick:function(){var c={};
   B.p.forEach(function(q){c[q.id]=q.id==p.id||!!(valid()&&st.c[q.id])});choose(c,"inline")}}),
  el("button",{type:"button","class":"cc-ps",text:T.manage,onclick:function(){open(true)}})])}
/* ---- Charte's own pages (data-essential on the script tag): essential cookies only, so no banner; the link says so. ---- */
function essential(){box=el("div",{id:"cc",role:"dialog","aria-modal":"true","aria-labelledby":"cc-t","aria-describedby":"cc-x",tabindex:"-1",lang:lang,
  onkeydown:function(e){var q=box.querySelectorAll("a[href],button"),a=q[0],z=q[q.length-1];if(e.key=="Escape"){e.preventDefault();close()}
   else if(e.key=="Tab"&&(e.shiftKey?d.activeElement==a||d.activeElement==box:d.activeElement==z)){e.preventDefault();(e.shiftKey?z:a).focus()}}},[el("h2",{id:"cc-t",text:T.title}),el("p",{id:"cc-x",text:T.essential}),
  el("p",{},[el("a",{href:base+B.policy[lang],text:T.policy})]),el("div",{"class":"b"},[el("button",{type:"button",id:"cc-done",text:T.done,onclick:close})])]);
 d.body.appendChild(box);box.focus()}
/* beacon begin: first-party audience measurement (R3.4, L8), never a partner. Without consent to audience
 measurement it is exempt: no cookie sent, no id. With it, the consent id goes along. None under GPC or DNT,
 nor when the script tag says data-beacon="off". text/plain JSON: no preflight. */
function beacon(){if(sig||S&&S.getAttribute("data-beacon")=="off")return;var b={site:location.origin,page:location.pathname.slice(0,1000)};
 if(d.referrer)b.referrer=d.referrer.slice(0,1000);if(C.aud&&valid()&&st.c[C.aud])b.consentId=st.id;
 try{fetch(base+"/consent/v1/beacon/script",{method:"POST",mode:"no-cors",credentials:"omit",keepalive:true,headers:{"Content-Type":"text/plain"},body:JSON.stringify(b)})}catch(e){}}
/* beacon end */
w.CharteConsent={open:function(){open(true)},choices:function(){return valid()?st.c:null},version:C.v};
d.readyState=="loading"?d.addEventListener("DOMContentLoaded",start):start();
})(window,document);
