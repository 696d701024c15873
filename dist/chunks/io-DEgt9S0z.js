function processIO(){return{stdout:process.stdout,stderr:process.stderr,env:process.env,cwd:process.cwd()}}const EXIT={ok:0,blocked:1,error:2};export{EXIT as E,processIO as p};
