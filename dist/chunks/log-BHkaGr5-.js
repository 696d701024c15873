import{i as info$1}from"./core-DfiE0fN3.js";import{v as oneLine}from"./state-DFeE1dTd.js";function info(text){const line=oneLine(text);info$1(line.startsWith("::")?` ${line}`:line)}export{info as i};
