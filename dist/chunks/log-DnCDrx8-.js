import{i as info$1}from"./core-DfiE0fN3.js";import{x as oneLine}from"./state-BamYl1un.js";function info(text){const line=oneLine(text);info$1(line.startsWith("::")?` ${line}`:line)}export{info as i};
