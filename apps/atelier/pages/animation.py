"""/animation"""

from jnt_fresque.app.views import console

console.render()
